# The CSM's work queue end to end, on the demo marketplace (a US seller
# for maria, a German and a French one for anna): run writes csm.html and
# csm-NAME.html; each anomaly shows its id, the seller's dashboard link,
# who acknowledged it and their note; the header counts open and
# acknowledged apart; what is new since the previous run is marked;
# money is per currency (euros for the German seller in every
# language); anomalies show and the list's JSON carry the history; and
# the digest: one mail per CSM per day through a loopback SMTP server,
# also when the run is killed between the send and its record, or
# before the message is ended.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/marketplace.sh"

NOW=2025-10-31
export FBAUDIT_NOW=$NOW
D=$T_TMP/data
MAIL=$T_TMP/mail.log
SMTP_PW='smtp-pa55-w0rd'
trap 'market_stop; stop_bg "${SMTP:-}"; rm -rf "$T_TMP"' EXIT

market_start "$T_TMP" || not_ok "the fake marketplace starts"
market_config "$T_TMP/demo.ini" "$T_TMP/secrets" "$D"

# The loopback SMTP server, and the digest's settings: the password in a
# chmod 600 file as every secret.
rm -f "$T_TMP/smtp.port"
python3 "$TOP/tests/smtp_receiver.py" "$T_TMP/smtp.port" "$MAIL" \
    "$SMTP_PW" &
SMTP=$!
for _ in $(seq 100); do [ -s "$T_TMP/smtp.port" ] && break; sleep 0.05; done
[ -s "$T_TMP/smtp.port" ] || not_ok "the SMTP server starts"
(umask 077 && printf '%s\n' "$SMTP_PW" >"$T_TMP/secrets/smtp.password")
awk -v port="$(cat "$T_TMP/smtp.port")" -v pw="$T_TMP/secrets/smtp.password" '
	{ print }
	/^\[fbaudit\]$/ {
		print "smtp_url = smtp://127.0.0.1:" port
		print "smtp_from = fbaudit@example.com"
		print "smtp_password_file = " pw
	}
	END {
		print "[csm anna]\nemail = anna@example.com\nlang = de"
		print "[csm maria]\nemail = maria@example.com"
	}' "$T_TMP/demo.ini" >"$T_TMP/csm.ini"
C=$T_TMP/csm.ini

mails() { [ -f "$MAIL" ] && wc -l <"$MAIL" | tr -d ' ' || echo 0; }
# mail_field N EXPR: a Python expression over mail N (m: the record,
# msg: the parsed message), printed.
mail_field() {
	python3 - "$MAIL" "$1" "$2" <<'PY'
import email, email.policy, json, sys
m = json.loads(open(sys.argv[1]).readlines()[int(sys.argv[2])])
msg = email.message_from_string(m["data"], policy=email.policy.default)
print(eval(sys.argv[3]))
PY
}

# First night.
fb -q -C "$C" --now $NOW run >"$T_TMP/run1.out" 2>"$T_TMP/run1.err"
expect_eq "the first night runs" 0 $?
for f in csm.html csm-anna.html csm-maria.html; do
	[ -s "$D/$f" ] && ok "run writes $f" || not_ok "run writes $f"
done
expect_eq "one digest per CSM" 2 "$(mails)"
expect_eq "the digests go to anna and maria" \
    "['<anna@example.com>'] ['<maria@example.com>']" \
    "$(mail_field 0 'm["rcpt"]') $(mail_field 1 'm["rcpt"]')"
expect_eq "it logged in with the password from its file" "True" \
    "$(mail_field 0 'm["auth_ok"]')"
expect_no_grep "the SMTP password is in no log or output" "$SMTP_PW" \
    <(cat "$T_TMP/run1.out" "$T_TMP/run1.err"; cat "$D"/*.html)
expect_eq "anna's digest is in German" "yes" \
    "$(mail_field 0 '"yes" if "Hallo anna" in msg.get_content() and "Dem Verkäufer sagen" in msg.get_content() else msg.get_content()')"
expect_grep "anna's subject counts her open anomalies" 'offen' \
    <(mail_field 0 'msg["subject"]')
expect_eq "maria's digest: her seller only, highest first, with figures" \
    "yes" "$(mail_field 1 '"yes" if "A1B2C3D4E5F6G7" in msg.get_content() and "A2KOEHLERDE01" not in msg.get_content() and "Figures:" in msg.get_content() and "[High]" in msg.get_content() else msg.get_content()')"

# The pages: anna's page is hers only, every anomaly with id and link.
a=$T_TMP/anna.flat
tr -d '\n' <"$D/csm-anna.html" >"$a"
expect_no_grep "anna's page leaves maria's seller out" 'A1B2C3D4E5F6G7' "$a"
expect_grep "it names the German seller" 'Köhler Handels GmbH' "$a"
id=$(sqlite3 "$D/A2KOEHLERDE01/store.db" "SELECT anomaly_id FROM anomalies
    WHERE status = 'open' ORDER BY severity, anomaly_id LIMIT 1")
[ -n "$id" ] && ok "the German seller has an anomaly" ||
    not_ok "the German seller has an anomaly"
expect_grep "each anomaly shows its id as text" \
    "<code class=\"id\">$id</code>" "$a"
expect_grep "and links to the seller's dashboard" \
    "<tr id=\"$id\".*href=\"A2KOEHLERDE01/dashboard.html\"" "$a"
expect_grep "the header counts open and acknowledged apart (in German)" \
    '<p id="counts">[0-9]* offen · 0 bestätigt · 2 Verkäufer' "$a"
expect_grep "the German seller's claimable is in euros" \
    '<tr id="A2KOEHLERDE01">.*data-label="Einforderbar"><span class="m">[0-9.,]*.€</span>' "$a"
# A ready claim (a packet in the outbox) is still unfiled (issue 16 §1):
# the health line counts it as the seller's dashboard does, and "since
# last night" counts the claims that became claimable in euros too.
expect_eq "the German seller's ready claims count as claimable" \
    "$(sqlite3 "$D/A2KOEHLERDE01/store.db" "SELECT count(*) || ' ' ||
    sum(amount) FROM claims WHERE status IN ('eligible', 'ready')")" \
    "$(python3 -c 'import re, sys
row = re.search(r"<tr id=\"A2KOEHLERDE01\">.*?</tr>", open(sys.argv[1]).read())
m = re.search(r"<span class=\"m\">([^<]*)</span><small>(\d+)</small>",
    row.group(0) if row else "")
print("%s %s" % (m.group(2), re.sub(r"\D", "", m.group(1))) if m else "none")' "$a")"
expect_grep "since last night counts the euros that became claimable" \
    'id="since-eligible">[^<]*<b>[1-9][0-9]*</b><span class="m">[^<]*€' "$a"
expect_grep "the first night: everything is new" 'class="chip new"' "$a"
# The seller's dashboard marks only what appeared since a night before:
# on its first night, everything is new, so nothing is marked.
expect_no_grep "the seller's first dashboard marks nothing new" \
    'class="chip new"' "$D/A2KOEHLERDE01/dashboard.html"

# Acknowledge with a note; the pages and JSON show who, when and why.
fb -q -d "$D" anomalies ack "$id" --by anna --note 'called Herr Köhler'
expect_eq "ack succeeds" 0 $?
for lang in en de fr es; do
	fb -q -C "$C" report csm --csm anna --lang $lang -o "$T_TMP/anna.$lang.html"
	expect_eq "report csm --csm anna --lang $lang" 0 $?
	tr -d '\n' <"$T_TMP/anna.$lang.html" >"$T_TMP/anna.$lang.flat"
	expect_grep "$lang: acked by anna, with her note" \
	    "<tr id=\"$id\".*anna.*<small class=\"note\">called Herr Köhler</small>" \
	    "$T_TMP/anna.$lang.flat"
	expect_grep "$lang: the German seller's money stays in euros" \
	    '<tr id="A2KOEHLERDE01">.*data-label="[^"]*"><span class="m">[^<]*€' \
	    "$T_TMP/anna.$lang.flat"
done
expect_grep "en: acknowledged by anna on the day" \
    'acknowledged by anna on Oct 31, 2025' "$T_TMP/anna.en.flat"
expect_grep "de: the anomaly's words are German" 'Ansprüche\|Daten\|Einheiten' \
    "$T_TMP/anna.de.flat"
expect_grep "en: 1 acknowledged in the header" '1 acknowledged' \
    "$T_TMP/anna.en.flat"
fb -q -C "$C" report csm --csm nobody -o "$T_TMP/u.html" 2>"$T_TMP/err"
expect_eq "an unknown CSM is a usage error" 2 $?
expect_grep "naming the known ones" 'no CSM nobody .*known: ' "$T_TMP/err"
# Without -C the CSMs are those the sellers' stores kept from the last
# configured night: the same page, and the same check of the name.
fb -q -d "$D" report csm --csm anna -o "$T_TMP/u.html" 2>"$T_TMP/err"
expect_eq "--csm without -C: exit 0" 0 $?
expect_eq "--csm without -C: the page a configured command writes" "" \
    "$(diff "$T_TMP/anna.en.html" "$T_TMP/u.html" | head -5)"
fb -q -d "$D" report csm --csm nobody -o "$T_TMP/u.html" 2>"$T_TMP/err"
expect_eq "an unknown CSM without -C: a usage error" 2 $?
expect_grep "naming the ones the stores know" \
    "no CSM nobody in the stores of $D (no -C); known: anna" "$T_TMP/err"
fb -q -d "$T_TMP/nowhere" report csm --csm anna -o "$T_TMP/u.html" \
    2>"$T_TMP/err"
expect_eq "no store names a CSM: a usage error" 2 $?
expect_grep "saying where it looked and what to give" \
    "no CSM anna: no store in $T_TMP/nowhere names a CSM .*give -C CONFIG" \
    "$T_TMP/err"

fb -d "$D" anomalies list --format json >"$T_TMP/list.json"
expect_eq "the list's JSON carries who, when and the note" \
    "anna|2025-10-31T00:00:00Z|called Herr Köhler" "$(python3 -c '
import json, sys
a = [x for x in json.load(open(sys.argv[1])) if x["anomaly_id"] == sys.argv[2]][0]
print("%s|%s|%s" % (a["acked_by"], a["acked_at"], a["acked_note"]))' \
    "$T_TMP/list.json" "$id")"
fb -d "$D" anomalies show "$id" >"$T_TMP/show.out"
expect_eq "anomalies show succeeds" 0 $?
expect_grep "show: its figures" '^stored figures:' "$T_TMP/show.out"
expect_grep "show: its history, with who and the note" \
    'open      -> acked     by anna: called Herr Köhler' "$T_TMP/show.out"
fb -q -d "$D" anomalies show A0000000000000000 2>/dev/null
expect_eq "show of an unknown id is a usage error" 2 $?

# A rerun the same day sends nothing again.
fb -q -C "$C" --now $NOW run >/dev/null 2>&1
expect_eq "a rerun the same day sends no second digest" 2 "$(mails)"
fb -C "$C" --now $NOW report digest >"$T_TMP/digest.out" 2>&1
expect_grep "report digest says it was sent already" \
    'anna: already sent on 2025-10-31' "$T_TMP/digest.out"
expect_eq "and sends nothing" 2 "$(mails)"

# The next night: a kill after the server took anna's mail, before its
# record: the rerun must not send it again.
N2=2025-11-01
FBAUDIT_TEST_CRASH=after_digest_send fb -q -C "$C" --now $N2 run \
    >/dev/null 2>&1
expect_eq "the run killed after the send died" 137 $?
expect_eq "one mail went out before the kill" 3 "$(mails)"
fb -q -C "$C" --now $N2 run >/dev/null 2>&1
expect_eq "the rerun sends maria's only: one mail per CSM per run" 4 \
    "$(mails)"
expect_eq "one mail each for the night" \
    "<anna@example.com> <maria@example.com>" "$(for i in 2 3; do
    mail_field $i 'm["rcpt"][0]'; done | sort | tr '\n' ' ' | sed 's/ $//')"
expect_grep "the second night marks what is new since the first" \
    'id="since-anomalies">' "$D/csm.html"
# The night's deadline anomaly (one per seller and day) is new since the
# first night: the seller's dashboard marks it, and only such rows.
expect_grep "the seller's dashboard marks what appeared since last night" \
    '</strong> <span class="chip new">' \
    "$D/A2KOEHLERDE01/dashboard.html"
expect_eq "and leaves what it showed last night unmarked" yes \
    "$(n=$(grep -o 'class="chip new"' "$D/A2KOEHLERDE01/dashboard.html" |
    wc -l); r=$(grep -o '<tr' "$D/A2KOEHLERDE01/dashboard.html" | wc -l)
    [ "$n" -lt "$r" ] && echo yes || echo "no: $n of $r rows")"

# A kill before the message was ended: the server delivered nothing, and
# the rerun sends it, once.
N3=2025-11-02
FBAUDIT_TEST_CRASH=before_digest_end fb -q -C "$C" --now $N3 report digest \
    >/dev/null 2>&1
expect_eq "the run killed before the end of data died" 137 $?
expect_eq "no mail was delivered" 4 "$(mails)"
fb -q -C "$C" --now $N3 report digest >/dev/null 2>&1
fb -q -C "$C" --now $N3 report digest >/dev/null 2>&1
expect_eq "the rerun sent both, once" 6 "$(mails)"

# No SMTP server: the digest fails, and says so; nothing is recorded.
stop_bg "$SMTP"
SMTP=
fb -q -C "$C" --now 2025-11-03 report digest 2>"$T_TMP/err"
expect_eq "an unreachable SMTP server: exit 69" 69 $?
expect_grep "the error names the CSM" 'digest: anna <anna@example.com>: not sent' \
    "$T_TMP/err"
[ ! -e "$D/digests/2025-11-03-anna.sent" ] && ok "nothing is recorded" ||
    not_ok "nothing is recorded"
finish
