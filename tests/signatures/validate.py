"""Validates EVERY signature of a PDF with pyHanko, the trust root given, nothing fetched.

    python validate.py --trust ca.pem FILE.pdf

Prints one JSON object per line, one per signature field in the order of the file:
  field, signer (certificate subject), issuer, signed_at (as the signer reports it),
  intact (the digest of the signed byte range matches), valid (the CMS signature is
  cryptographically sound), trusted (a path to the trust root, key usage accepted),
  coverage (ENTIRE_FILE, ENTIRE_REVISION, CONTIGUOUS_BLOCK_FROM_START, UNCLEAR),
  modification_level (NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER, or null),
  docmdp_ok, bottom_line (pyHanko's overall judgment), error (null, or why pyHanko
  could not validate it).
Exit code: 0 when there is at least one signature and every one is judged valid
(bottom_line), 1 otherwise, 2 when the file or the trust root cannot be read.
Run with the venv's python (scripts/setup.sh test installs pyHanko in .tools/venv).
"""

import argparse
import json
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def enum_name(value):
    return None if value is None else getattr(value, "name", str(value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trust", required=True, help="the trust root (PEM or DER)")
    parser.add_argument("pdf")
    args = parser.parse_args()
    try:
        root = load_cert_from_pemder(args.trust)
        data = open(args.pdf, "rb")
        reader = PdfFileReader(data, strict=True)
        signatures = reader.embedded_regular_signatures
    except Exception as e:  # noqa: BLE001 - any failure to read is the same answer
        print(f"validate.py: cannot read {args.pdf}: {type(e).__name__}: {e}", file=sys.stderr)
        return 2

    all_ok = len(signatures) > 0
    for sig in signatures:
        line = {
            "field": sig.field_name,
            "signer": None,
            "issuer": None,
            "signed_at": None,
            "intact": False,
            "valid": False,
            "trusted": False,
            "coverage": None,
            "modification_level": None,
            "docmdp_ok": None,
            "bottom_line": False,
            "error": None,
        }
        try:
            cert = sig.signer_cert
            line["signer"] = cert.subject.human_friendly
            line["issuer"] = cert.issuer.human_friendly
        except Exception as e:  # noqa: BLE001
            line["error"] = f"{type(e).__name__}: {e}"
        try:
            # A fresh context per signature, as pyHanko's own CLI does.
            vc = ValidationContext(trust_roots=[root], allow_fetching=False)
            status = validate_pdf_signature(sig, signer_validation_context=vc)
            dt = status.signer_reported_dt
            line.update(
                signed_at=None if dt is None else dt.isoformat(),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                coverage=enum_name(status.coverage),
                modification_level=enum_name(status.modification_level),
                docmdp_ok=status.docmdp_ok,
                bottom_line=bool(status.bottom_line),
            )
        except Exception as e:  # noqa: BLE001 - reported, and judged not valid
            line["error"] = f"{type(e).__name__}: {e}"
        all_ok = all_ok and line["bottom_line"]
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
