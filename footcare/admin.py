"""Admin pieces shared by the content apps."""

import operator
import re
from functools import reduce
from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.text import smart_split, unescape_string_literal


class UnicodeSearchMixin(admin.ModelAdmin):
    """Admin search that ignores case in every alphabet, also on SQLite.

    Django's admin searches with ``icontains``, which SQLite folds for ASCII only, so an
    editor typing "печень" would not find "Печень". Each word must match one of
    ``search_fields`` as a case-insensitive regex of the escaped word (like the API's search).
    """

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        fields = self.get_search_fields(request)
        if not search_term or not fields:
            return queryset, False
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            pattern = re.escape(word)
            matches = [Q(**{f"{field}__iregex": pattern}) for field in fields]
            queryset = queryset.filter(reduce(operator.or_, matches))
        # Searching across to-many relations can repeat rows; let the admin de-duplicate.
        return queryset, any("__" in field for field in fields)
