"""Use of the catalog, day by day. `DailyUsage` keeps one row per dataset and day (what awards and
the "recent" window add up); `DatasetStats` (in the catalog app) keeps the running totals that
search sorts by. `ViewSeen` and `DailySalt` only exist to count a visitor's page view once a day:
they hold hashes, never an address or a user id, and are deleted once their day is over."""

from __future__ import annotations

from django.db import models


class DailyUsage(models.Model):
    dataset = models.ForeignKey(
        "opendata.Dataset", on_delete=models.CASCADE, related_name="daily_usage"
    )
    day = models.DateField()  # Bangkok calendar day
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "day"], name="usage_daily_dataset_day")
        ]
        indexes = [models.Index(fields=["day"], name="usage_daily_day")]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.day}: {self.views} views, {self.downloads} downloads"


class DailySalt(models.Model):
    """A random salt per day: yesterday's visitor hashes cannot be linked to today's, and once
    the salt is deleted nobody (not even with the secret key) can test an address against them."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class ViewSeen(models.Model):
    """A visitor (by salted hash) has been counted on a dataset's page on a day."""

    day = models.DateField()
    dataset = models.ForeignKey("opendata.Dataset", on_delete=models.CASCADE, related_name="+")
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "dataset", "visitor"], name="usage_view_seen_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.dataset_id}"
