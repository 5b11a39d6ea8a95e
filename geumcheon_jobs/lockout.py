"""Login lockout with two limits: one account from one address, and one address across every account.

django-axes counts failures by its lockout parameters and compares the largest count with a single
AXES_FAILURE_LIMIT, so `[["username", "ip_address"], "ip_address"]` would lock an address after as few failures
as an account. Password spraying (a few guesses on every account from one address) stays under a per-account
limit, so this handler adds the second, higher limit: LOGIN_ADDRESS_FAILURE_LIMIT failures from one address
within the cool-off time, summed over every account, lock that address for every account, a right password
included. axes still records every attempt and answers with its lockout page (429)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request) -> int:
    """Failed logins from the request's address within the cool-off time, whichever accounts they named."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitHandler(AxesDatabaseHandler):
    """axes' database handler, whose failure count reaches the account limit once the address limit is reached.

    `get_failures` is what axes compares with its limit both before authenticating (a locked client never gets as
    far as the password check) and after each failure (the failure that reaches a limit already gets the lockout
    page), so raising it there covers both paths; `request.address_locked_out` tells the lockout page why."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.address_locked_out = True
            return max(failures, get_failure_limit(request, credentials))
        return failures
