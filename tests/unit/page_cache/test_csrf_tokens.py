"""Tokens a cache hit writes: the visitor's secret masked as Django masks it, from unbiased characters."""

from collections import Counter

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    _check_token_format,
    _unmask_cipher_token,
)

from ptashka.page_cache.middleware import masked_csrf_token, random_csrf_chars


def test_random_characters_come_from_the_csrf_alphabet_in_the_length_asked():
    for count in (1, CSRF_SECRET_LENGTH, 500):
        drawn = random_csrf_chars(count)
        assert len(drawn) == count
        assert set(drawn) <= set(CSRF_ALLOWED_CHARS)


def test_every_character_is_about_as_likely_as_any_other():
    counts = Counter(random_csrf_chars(62_000))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    # 1,000 expected each; a byte-modulo bias would give the first 8 characters about 1,240.
    assert max(counts.values()) < 1_150 and min(counts.values()) > 850


def test_a_masked_token_unmasks_to_the_secret_as_csrf_middleware_reads_it():
    secret = random_csrf_chars(CSRF_SECRET_LENGTH)
    token = masked_csrf_token(secret)
    _check_token_format(token)  # raises on a wrong length or alphabet
    assert _unmask_cipher_token(token) == secret


def test_two_tokens_of_one_secret_differ():
    secret = random_csrf_chars(CSRF_SECRET_LENGTH)
    assert masked_csrf_token(secret) != masked_csrf_token(secret)


def test_a_secret_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        masked_csrf_token("short")
