from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year_be>", views.year, name="year"),
    path("review", views.review, name="review"),
    path("review/compute", views.compute, name="compute"),
    path("review/<int:year_be>", views.review_year, name="review_year"),
    path("review/<int:year_be>/publish", views.publish, name="publish"),
]
