from django.apps import AppConfig


class IomczConfig(AppConfig):
    name = "iomcz"
    verbose_name = "IOM Czechia"
