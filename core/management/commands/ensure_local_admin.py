"""Create (once) the local admin account that `make run` prints, for a development machine."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a local superuser for development if none exists, and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("LOCAL_ADMIN_USER", "admin"))
        parser.add_argument("--password", default=os.environ.get("LOCAL_ADMIN_PASSWORD", "iomcz-local-admin"))

    def handle(self, *args, username, password, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True, "email": ""}
        )
        if created:
            user.set_password(password)
            user.save()
            self.stdout.write(
                f"Local admin created: http://127.0.0.1:8000/admin/  user {username}  password {password}"
            )
        else:
            self.stdout.write(f"Local admin exists: http://127.0.0.1:8000/admin/  user {username}")
