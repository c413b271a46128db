from django.urls import path

from . import views

app_name = "datarequests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new", views.request_create, name="create"),
    path("organizations", views.organization_search, name="organization_search"),
    path("<str:pk>", views.request_detail, name="detail"),
    path("<str:pk>/edit", views.request_edit, name="edit"),
    path("<str:pk>/delete", views.request_delete, name="delete"),
    path("<str:pk>/vote", views.request_vote, name="vote"),
    path("<str:pk>/follow", views.request_follow, name="follow"),
    path("<str:pk>/state", views.request_transition, name="transition"),
    path("<str:pk>/comments", views.comment_create, name="comment_create"),
    path("<str:pk>/comments/<str:comment_id>/edit", views.comment_edit, name="comment_edit"),
    path("<str:pk>/comments/<str:comment_id>/delete", views.comment_delete, name="comment_delete"),
]
