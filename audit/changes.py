"""The change log of what administrators do on screen: one call, in the transaction of the change it records, so
that a change and its record are saved together or not at all (pretix's `log_action`)."""

from .models import ChangeRecord


def record_change(*, user, government_id: int | None, action: str, target: str, detail: str = "") -> ChangeRecord:
    """Record that `user` made `action` (Korean, e.g. "사용자 추가") on `target` of government `government_id`."""
    return ChangeRecord.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None and user.is_authenticated else "",
        government_id=government_id,
        action=str(action)[:100],
        target=str(target)[:300],
        detail=str(detail),
    )


def changes_of(government_id: int):
    """The government's change records, newest first."""
    return ChangeRecord.objects.filter(government_id=government_id).select_related("user")
