"""gunicorn settings for the service; gunicorn reads this file from the folder it starts in.

Flags on the command line (workers, bind) still win. What is here decides which requests
gunicorn refuses itself, in HTML, before the service can answer in problem+json: the fewer, the
better, as long as each stays cheap.
"""

# The longest request line gunicorn accepts (its default is 4094 bytes, its maximum 8190): a
# search of ten Cyrillic words, percent-encoded, takes close to 4 KB on its own. Longer lines
# are answered 414 by gunicorn, as the contract says.
limit_request_line = 8190
