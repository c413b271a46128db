from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.registered_list, name="list"),
    path("progress", views.progress, name="progress"),
    path("export.<str:fmt>", views.export, name="export"),
    path("check", views.check, name="check"),
    path("register", views.register, name="register"),
    path("register/<str:dla_code>", views.register_for, name="register_for"),
    path("register-submitted", views.submitted, name="submitted"),
    path("hints", views.hints, name="hints"),
    path("verify/<str:token>", views.verify, name="verify"),
    path("review", views.review_queue, name="review_queue"),
    path("review/<int:pk>", views.review_detail, name="review_detail"),
    path("review/<int:pk>/<str:action>", views.review_action, name="review_action"),
    path("letters/<int:pk>", views.letter, name="letter"),
]
