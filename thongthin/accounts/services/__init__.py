"""Writes for accounts: sign-in codes (sign_in), LAO staff (memberships), platform roles (roles)."""
