"""The assessment API: evaluate without saving and the framework in force (`evaluate`), and CRUD
for saved assessments under the same rules as the pages (`crud`). Schemas in `schemas`."""

from ninja import Router

from . import crud, evaluate

router = Router()
router.add_router("", evaluate.router)
router.add_router("", crud.router)

__all__ = ["router"]
