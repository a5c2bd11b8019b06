"""The audit trail's reads: the change log across a council (``changes``) and a change put in
words, field labels and the names of related records rather than ids (``in_words``).

It reads the history of several domains, so it sits above them in the layers and no domain
imports it; the pages are the web room ``realise.web.audit``."""
