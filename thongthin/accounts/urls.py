from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in", views.sign_in_start, name="sign_in"),
    path("sign-in/code", views.sign_in_code, name="sign_in_code"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("lao/<str:dla_code>/staff", views.staff, name="staff"),
    path("lao/<str:dla_code>/staff/<int:pk>/<str:action>", views.staff_action, name="staff_action"),
    path("roles", views.role_list, name="roles"),
    path("roles/<int:pk>/revoke", views.role_revoke, name="role_revoke"),
]
