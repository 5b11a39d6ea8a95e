import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from geumcheon_jobs.seed import DEMO_PASSWORD, largest_remainder, seed_demo
from performance.models import Department, QuarterlyReportLine


def row_counts() -> dict[str, int]:
    """Rows in every table the product owns, history tables included."""
    models = [m for m in apps.get_models() if m._meta.app_label in {"performance", "budget", "auth"}]
    return {m._meta.label: m.objects.count() for m in models}


def test_seed_demo_twice_changes_nothing(card_data):
    before = row_counts()
    result = seed_demo()
    assert result.created == 0
    assert row_counts() == before


def test_seed_never_overwrites_a_figure_edited_since(card_data):
    line = QuarterlyReportLine.objects.filter(report__year=2019, report__quarter=1).first()
    line.jobs += 5
    line.save()
    seed_demo()
    line.refresh_from_db()
    assert line.history.count() == 2  # the seed's creation and the edit, nothing from the second seed


def test_demo_accounts_one_per_department(card_data):
    users = get_user_model().objects
    assert users.filter(username__startswith="dept").count() == Department.objects.count() == 22
    for username in ["lead", "manager", "dept01", "dept22"]:
        assert users.get(username=username).check_password(DEMO_PASSWORD)
    assert users.get(username="lead").membership.department.name == "일자리창출과"
    assert users.get(username="dept01").membership.department.is_lead


def test_the_demo_split_says_it_is_demo(card_data):
    assert Department.objects.filter(is_demo=True).count() == 21
    assert not Department.objects.get(name="일자리창출과").is_demo


@pytest.mark.parametrize(
    ("total", "weights"), [(4469, [3, 1, 1]), (7, [1, 1, 1]), (0, [5, 5]), (10349, [2544, 724, 600, 120, 1])]
)
def test_largest_remainder_adds_up_exactly(total, weights):
    shares = largest_remainder(total, weights)
    assert sum(shares) == total and all(share >= 0 for share in shares)
    assert max(shares) - min(shares) <= total  # sanity
    exact = [total * w / sum(weights) for w in weights]
    assert all(abs(share - e) < 1 for share, e in zip(shares, exact, strict=True))
