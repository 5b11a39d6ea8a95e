"""The authentication backend: a person's permissions, own and through groups, read once per request."""

from django.contrib.auth import get_user_model

from geumcheon_jobs.auth import MembershipBackend


def test_a_persons_permissions_are_read_in_one_query_and_then_kept(card_data, django_assert_num_queries):
    lead = MembershipBackend().get_user(get_user_model().objects.get(username="lead").pk)
    with django_assert_num_queries(1):
        assert lead.has_perm("performance.review_quarterlyreport")  # through the lead reviewer's group
        assert lead.has_perm("performance.view_all_departments")
        assert not lead.has_perm("performance.administer_government")
    staff = MembershipBackend().get_user(get_user_model().objects.get(username="dept03").pk)
    with django_assert_num_queries(1):
        assert not staff.has_perm("performance.review_quarterlyreport")
        assert staff.has_perm("performance.change_quarterlyreport")
