from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("districts", views.districts, name="districts"),
    path("<str:dla_code>/", views.detail, name="detail"),
    path("<str:dla_code>/contact", views.edit_contact, name="edit_contact"),
]
