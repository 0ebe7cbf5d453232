"""Our middleware, one module each, and the order they run in (``MIDDLEWARE`` in settings).

Those that only finish an answer (content_length, rate_limit_headers, deprecation,
translation_fallback) are Django's ``MiddlewareMixin`` with a ``process_response``; the others
decide whether the request goes further, and say so in their own ``__call__``.

Outermost first; ours in bold, Django's and the libraries' between them:

1. **content_length**: every answer with a body says its length, stored ones and refusals too.
2. SecurityMiddleware.
3. **problems**: right inside it, so that any error page produced further in (Django's debug
   pages included) leaves /api/ as problem+json and still gets the security headers.
4. **rate_limit_headers**: RateLimit headers on every API answer, stored ones included.
5. XFrameOptionsMiddleware: no answer, stored or not, may be framed by another site.
6. **hostile_input**: before any work, and before a stored answer could go to a host we do
   not serve.
7. **deprecation**: Deprecation and Sunset headers of a deprecated version or endpoint.
8. WhiteNoise, sessions, LocaleMiddleware.
9. **language**: the API's language (``?lang=``, else ``Accept-Language``).
10. **unknown_parameters**: a query parameter the contract does not name is refused.
11. **response_cache**: after the language is chosen (it is part of the key), before anything
    touches the database: a stored answer leaves here. Every API read that goes further runs
    from here inward in one snapshot of the content (``footcare.content.db.snapshot``).
12. **translation_fallback**: inside the cache, so the header it sets is stored with the answer.
13. CommonMiddleware, CSP (the admin's and the docs' pages; JSON needs no policy), CSRF,
    authentication, messages, and django-axes last (it answers a locked-out login).
"""
