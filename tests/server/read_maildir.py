"""Prints the messages of a Maildir as JSON: subject, from, to, message-id, body (decoded)."""
import email.policy
import json
import mailbox
import sys

out = []
for message in mailbox.Maildir(sys.argv[1], factory=None, create=False):
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    out.append({
        "subject": str(parsed["subject"]),
        "from": str(parsed["from"]),
        "to": str(parsed["to"]),
        "message_id": str(parsed["message-id"]),
        "language": str(parsed["content-language"]),
        "body": parsed.get_content(),
    })
print(json.dumps(out, ensure_ascii=False))
