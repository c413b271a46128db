import time

from django.core.management.base import BaseCommand

from thongthin.opendata import search


class Command(BaseCommand):
    help = (
        "Rebuild the dataset search index from the catalog (all datasets), or re-index only the "
        "datasets given with --dataset."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--dataset",
            action="append",
            default=[],
            metavar="ID",
            help="a dataset id to re-index (or remove, if it no longer exists); repeatable",
        )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        started = time.monotonic()
        if options["dataset"]:
            written = search.index_datasets(options["dataset"])
            what = f"re-indexed {written} of {len(options['dataset'])} datasets"
        else:
            what = f"rebuilt the index: {search.rebuild_index()} datasets"
        self.stdout.write(f"search: {what} in {time.monotonic() - started:.1f} s")
