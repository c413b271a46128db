"""Test settings: fast hashing, e-mail kept in memory, DNS answered by a fake resolver."""

from .base import *  # noqa: F403
from .base import THONGTHIN, VAR_DIR

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
THONGTHIN = {
    **THONGTHIN,
    "DNS_ENABLED": False,
    "SITE_URL": "http://testserver",
    "JOBS_EAGER": True,  # background jobs run right after commit, in the test's process
}
