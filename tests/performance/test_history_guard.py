import pytest

from performance.models import QuarterlyReport


def test_queryset_update_on_a_tracked_model_is_refused(card_data):
    with pytest.raises(AssertionError, match="history"):
        QuarterlyReport.objects.filter(year=2019).update(status="draft")
    assert not QuarterlyReport.objects.filter(year=2019, status="draft").exists()
