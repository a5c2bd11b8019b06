"""Signing a backup's manifest with the operator's key, and checking it (no database)."""

from __future__ import annotations

import hmac

import pytest

from realise.backup import BackupError, signing

KEY = signing.BackupKey(b"k" * 40, "REALISE_BACKUP_KEY")
MANIFEST = b'{\n  "format": "realise-backup"\n}\n'


def test_a_signature_made_with_the_key_checks_out():
    sig = signing.signature(KEY, MANIFEST)
    assert signing.check(KEY, MANIFEST, sig, "a.zip") == "signed"


def test_the_signature_is_an_hmac_sha256_of_the_manifest_bytes_anyone_can_recompute():
    sig = signing.signature(KEY, MANIFEST)
    expected = hmac.new(b"k" * 40, MANIFEST, "sha256").hexdigest()
    assert expected in sig.decode()


def test_an_edited_manifest_or_another_key_is_refused():
    sig = signing.signature(KEY, MANIFEST)
    other = signing.BackupKey(b"o" * 40, "--key-file k.txt")
    with pytest.raises(BackupError, match="signature does not match the backup key"):
        signing.check(KEY, MANIFEST.replace(b"backup", b"backuq"), sig, "a.zip")
    with pytest.raises(BackupError, match=r"signed with another key.*nothing was restored"):
        signing.check(other, MANIFEST, sig, "a.zip")


def test_signatures_are_compared_in_constant_time(monkeypatch):
    calls = []
    compare = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(signing.hmac, "compare_digest", spy)
    signing.check(KEY, MANIFEST, signing.signature(KEY, MANIFEST), "a.zip")
    assert len(calls) == 1


def test_an_unsigned_archive_is_refused_when_a_key_is_set_and_noted_when_not():
    with pytest.raises(BackupError, match=r"a\.zip is not signed.*REALISE_BACKUP_KEY"):
        signing.check(KEY, MANIFEST, None, "a.zip")
    assert signing.check(None, MANIFEST, None, "a.zip") == "unchecked"
    sig = signing.signature(KEY, MANIFEST)
    assert signing.check(None, MANIFEST, sig, "a.zip") == "signed-unchecked"


def test_a_malformed_signature_file_is_refused():
    for junk in (b"", b"not json", b'{"algorithm": "md5", "signature": "00"}', b"[1]"):
        with pytest.raises(BackupError, match=r"manifest\.sig is not a Realise signature"):
            signing.check(KEY, MANIFEST, junk, "a.zip")


def test_the_key_comes_from_the_key_file_before_the_environment(tmp_path):
    env = {"REALISE_BACKUP_KEY": "e" * 40}
    assert signing.key_from(None, env) == signing.BackupKey(b"e" * 40, "REALISE_BACKUP_KEY")
    path = tmp_path / "backup.key"
    path.write_text("f" * 40 + "\n")
    key = signing.key_from(path, env)
    assert key is not None
    assert key.secret == b"f" * 40
    assert str(path) in key.source
    assert signing.key_from(None, {}) is None
    assert signing.key_from(None, {"REALISE_BACKUP_KEY": "  "}) is None


def test_a_short_key_or_a_missing_key_file_is_refused_plainly(tmp_path):
    with pytest.raises(BackupError, match="REALISE_BACKUP_KEY is too short: 5 characters"):
        signing.key_from(None, {"REALISE_BACKUP_KEY": "short"})
    with pytest.raises(BackupError, match=r"nokey\.txt cannot be read"):
        signing.key_from(tmp_path / "nokey.txt", {})


def test_the_key_never_appears_in_its_repr():
    assert "kkkk" not in repr(KEY)
