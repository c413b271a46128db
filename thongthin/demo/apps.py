from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "thongthin.demo"
    label = "demo"
    verbose_name = "Demo data"
