from django.urls import path

from . import views

app_name = "datastore"

urlpatterns = [
    path("dump/<str:resource_id>", views.dump, name="dump"),
    path("resource/<str:resource_id>/", views.resource_page, name="resource"),
    path("resource/<str:resource_id>/status", views.resource_status, name="status"),
    path("resource/<str:resource_id>/reload", views.resource_reload, name="reload"),
    path("resource/<str:resource_id>/dictionary", views.resource_dictionary, name="dictionary"),
]
