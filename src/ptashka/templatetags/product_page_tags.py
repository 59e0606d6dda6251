"""Template filters the product page's reviews use instead of Oscar's per-review queries."""

from django import template

register = template.Library()


@register.filter
def shopper_may_vote(review, user):
    """Oscar's may_vote, answered from what the product page fetched when it fetched it.

    Oscar's check validates a new vote (both of its foreign keys and the one-vote rule): three
    queries per review. Elsewhere (the reviews list) it stays Oscar's.
    """
    known = getattr(review, "shopper_may_vote", None)
    if known is not None:
        return known
    return review.can_user_vote(user)[0]
