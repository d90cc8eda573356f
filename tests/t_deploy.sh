# The deploy files start: deploy/kubernetes/cronjob.yaml parses (PyYAML;
# Debian packages no Kubernetes schema validator) and its fields agree
# with each other and with deploy/Dockerfile; then fbaudit reads the
# manifest's own INI with its secrets laid out exactly as Kubernetes
# mounts them (projected volume: KEY -> ..data/KEY, root's, mode 0440,
# group fsGroup = fbaudit's group) and from the environment.
. "$(dirname "$0")/lib.sh"

M=$TOP/deploy/kubernetes/cronjob.yaml
L=$T_TMP/layout

# Prints ok/not ok lines; writes the Kubernetes layout of the config
# volume into $L (the INI's /etc/fbaudit and /var/lib/fbaudit moved into
# $L and $T_TMP/data) and the container's environment into $L.env.
python3 - "$M" "$TOP/deploy/Dockerfile" "$L" "$T_TMP/data" <<'PY'
import configparser, os, re, sys
import yaml

manifest, dockerfile, layout, datadir = sys.argv[1:]
failed = 0


def check(name, cond, detail=""):
    global failed
    if cond:
        print("ok %s" % name)
    else:
        failed += 1
        print("not ok %s" % name)
        if detail:
            print("    %s" % detail)


# Keys each object may carry, from the Kubernetes API reference: a typo
# (runAsNonroot, volumeMount) is silently ignored by some clients.
POD_KEYS = {"restartPolicy", "securityContext", "containers", "volumes",
            "initContainers", "serviceAccountName", "nodeSelector",
            "affinity", "tolerations", "priorityClassName"}
CONTAINER_KEYS = {"name", "image", "args", "command", "env", "envFrom",
                  "volumeMounts", "resources", "securityContext", "ports",
                  "readinessProbe", "livenessProbe", "workingDir"}
POD_SC_KEYS = {"runAsNonRoot", "runAsUser", "runAsGroup", "fsGroup",
               "fsGroupChangePolicy", "supplementalGroups",
               "seccompProfile"}
CONTAINER_SC_KEYS = {"allowPrivilegeEscalation", "readOnlyRootFilesystem",
                     "capabilities", "runAsNonRoot", "runAsUser",
                     "runAsGroup", "seccompProfile"}
API = {"CronJob": "batch/v1", "ConfigMap": "v1", "Deployment": "apps/v1",
       "Service": "v1", "PersistentVolumeClaim": "v1"}


def pod_checks(what, pod):
    check("%s: pod spec keys are Kubernetes'" % what,
          set(pod) <= POD_KEYS, sorted(set(pod) - POD_KEYS))
    check("%s: pod securityContext keys" % what,
          set(pod.get("securityContext", {})) <= POD_SC_KEYS,
          sorted(set(pod.get("securityContext", {})) - POD_SC_KEYS))
    vols = {v["name"] for v in pod.get("volumes", [])}
    used = set()
    for c in pod["containers"]:
        check("%s: container %s keys" % (what, c["name"]),
              set(c) <= CONTAINER_KEYS, sorted(set(c) - CONTAINER_KEYS))
        check("%s: container %s securityContext keys" % (what, c["name"]),
              set(c.get("securityContext", {})) <= CONTAINER_SC_KEYS)
        sc = c.get("securityContext", {})
        check("%s: %s cannot gain privileges" % (what, c["name"]),
              sc.get("allowPrivilegeEscalation") is False and
              sc.get("capabilities", {}).get("drop") == ["ALL"])
        for m in c.get("volumeMounts", []):
            used.add(m["name"])
    check("%s: every mount names a volume, every volume is mounted" % what,
          used == vols, "mounts %s, volumes %s" % (sorted(used), sorted(vols)))


with open(manifest) as f:
    docs = [d for d in yaml.safe_load_all(f) if d is not None]
check("the manifest parses as YAML", len(docs) > 0)
by = {}
for d in docs:
    kind = d.get("kind")
    check("%s %s: apiVersion %s" % (kind, d.get("metadata", {}).get("name"),
          API.get(kind)), API.get(kind) == d.get("apiVersion"),
          "has %s" % d.get("apiVersion"))
    by[(kind, d["metadata"]["name"])] = d

# The image's user, group and configuration path.
with open(dockerfile) as f:
    df = f.read()
m = re.search(r"^USER (\d+):(\d+)$", df, re.M)
check("the Dockerfile's USER is numeric uid:gid (runAsNonRoot admits it)",
      m is not None and int(m.group(1)) != 0)
uid, gid = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
m = re.search(r'^ENTRYPOINT \[.*"-C", "([^"]+)"\]', df, re.M)
ini_path = m.group(1) if m else ""
check("the Dockerfile names its configuration", ini_path != "")

cj = by.get(("CronJob", "fbaudit"))
check("a CronJob fbaudit", cj is not None)
job = cj["spec"]["jobTemplate"]["spec"]
pod = job["template"]["spec"]
c = pod["containers"][0]
pod_checks("CronJob", pod)
check("runs are never concurrent", cj["spec"]["concurrencyPolicy"] == "Forbid")
check("an Indexed Job", job.get("completionMode") == "Indexed")
args = c["args"]
n = job["completions"]
check("--shard K/N takes N from completions, K from the index",
      "--shard" in args and
      args[args.index("--shard") + 1] == "$(JOB_COMPLETION_INDEX)/%d" % n,
      "args %s, completions %s" % (args, n))
check("every shard runs at once", job.get("parallelism") == n)
check("a failed pod is not restarted in place",
      pod["restartPolicy"] == "Never")
sc = pod["securityContext"]
check("runAsNonRoot", sc.get("runAsNonRoot") is True)
check("runAsUser is the image's user", sc.get("runAsUser") == uid,
      "%s vs %s" % (sc.get("runAsUser"), uid))
check("runAsGroup and fsGroup are the image's group (so fbaudit reads "
      "the 0440 secrets)", sc.get("runAsGroup") == gid and
      sc.get("fsGroup") == gid, "%s" % sc)

# The config volume: the INI and the secret files, in one folder.
mounts = {m["name"]: m for m in c["volumeMounts"]}
vols = {v["name"]: v for v in pod["volumes"]}
cfg_dir = os.path.dirname(ini_path)
cm = [m for m in c["volumeMounts"] if m["mountPath"] == cfg_dir]
check("a volume is mounted where the image reads its INI",
      len(cm) == 1 and cm[0].get("readOnly") is True)
proj = vols[cm[0]["name"]].get("projected", {}) if cm else {}
mode = proj.get("defaultMode")
check("the secret files are mode 0440 or 0400 (0440 with fsGroup)",
      mode in (0o440, 0o400), "defaultMode %r" % mode)
files = {}
secret_keys = {}
for src in proj.get("sources", []):
    if "configMap" in src:
        cmap = by.get(("ConfigMap", src["configMap"]["name"]))
        for it in src["configMap"]["items"]:
            files[it["path"]] = ("config", cmap["data"][it["key"]])
    if "secret" in src:
        for it in src["secret"]["items"]:
            files[it["path"]] = ("secret", it["key"])
            secret_keys[it["key"]] = src["secret"]["name"]
rel = os.path.basename(ini_path)
check("the projected volume holds the INI", files.get(rel, ("",))[0] ==
      "config")

ini_text = files[rel][1] if rel in files else ""
cp = configparser.ConfigParser(inline_comment_prefixes=(";",),
                               comment_prefixes=(";", "#"))
cp.read_string(ini_text)
env = {e["name"]: e for e in c.get("env", [])}
data_mount = [m for m in c["volumeMounts"] if m["name"] == "data"]
check("FBAUDIT_DATA, data_dir and the data volume's mount agree",
      env["FBAUDIT_DATA"]["value"] == cp["fbaudit"]["data_dir"] ==
      data_mount[0]["mountPath"])
as_files = as_env = 0
envout = []
for sect in cp.sections():
    if not sect.startswith("seller "):
        continue
    sid = sect[7:].strip()
    s = cp[sect]
    for key, var in (("client_secret_file", "CLIENT_SECRET"),
                     ("refresh_token_file", "REFRESH_TOKEN")):
        name = "FBAUDIT_%s_%s" % (var, sid.replace("-", "_"))
        if key in s:
            p = s[key]
            ok = os.path.dirname(p) == cfg_dir and \
                files.get(os.path.basename(p), ("",))[0] == "secret"
            check("%s: %s is a key of the mounted Secret" % (sid, key), ok,
                  p)
            as_files += 1
        else:
            ref = env.get(name, {}).get("valueFrom", {}).get("secretKeyRef")
            check("%s: %s comes from a Secret" % (sid, name),
                  ref is not None and ref.get("name") and ref.get("key"))
            as_env += 1
            if ref:
                envout.append((name, ref["key"]))
check("the manifest shows secrets as files and as environment variables",
      as_files > 0 and as_env > 0)

pvc = by.get(("PersistentVolumeClaim",
              vols["data"]["persistentVolumeClaim"]["claimName"]))
check("the data volume is a claim shared by the shards",
      pvc is not None and "ReadWriteMany" in pvc["spec"]["accessModes"])
text = open(manifest).read()
check("the manifest states the volume's locking requirement",
      all(w in text for w in ("POSIX advisory locks", "NFSv4", "SMB",
                              "NFSv3 without lockd")))

# The pages leave the volume through a read-only web server.
dep = by.get(("Deployment", "fbaudit-pages"))
check("a Deployment serves the pages", dep is not None)
ppod = dep["spec"]["template"]["spec"]
pod_checks("pages", ppod)
pv = {v["name"]: v for v in ppod["volumes"]}
pm = [m for m in ppod["containers"][0]["volumeMounts"] if "persistentVolumeClaim"
      in pv[m["name"]]]
check("it mounts the data volume read-only",
      len(pm) == 1 and pm[0].get("readOnly") is True and
      pv[pm[0]["name"]]["persistentVolumeClaim"]["claimName"] ==
      pvc["metadata"]["name"] and
      pv[pm[0]["name"]]["persistentVolumeClaim"].get("readOnly") is True)
check("it is in fbaudit's group (the seller folders are 0750)",
      gid in ppod["securityContext"].get("supplementalGroups", []) or
      ppod["securityContext"].get("runAsGroup") == gid)
check("the pages' server runs as non-root",
      ppod["securityContext"].get("runAsNonRoot") is True)
conf = "".join(t for v in ppod["volumes"] if "configMap" in v
               for t in by[("ConfigMap", v["configMap"]["name"])]["data"]
               .values())
check("it serves only csm.html and SELLER/dashboard.html",
      "root %s;" % pm[0]["mountPath"] in conf and
      "location = /csm.html" in conf and "dashboard\\.html$" in conf and
      re.search(r"location / \{ return 404; \}", conf) is not None)
svc = by.get(("Service", "fbaudit-pages"))
check("a Service selects it", svc is not None and svc["spec"]["selector"] ==
      dep["spec"]["selector"]["matchLabels"])

# Kubernetes' layout of the projected volume, with stand-in secrets.
ts = "..2026_01_02_03_04_05.123456789"
os.makedirs(os.path.join(layout, ts))
for path, (what, val) in files.items():
    real = os.path.join(layout, ts, path)
    with open(real, "w") as f:
        if what == "config":
            f.write(val.replace(cfg_dir + "/", layout + "/")
                    .replace(cp["fbaudit"]["data_dir"], datadir))
        else:
            f.write("stand-in-%s\n" % val)
    os.chown(real, -1, os.getegid())
    os.chmod(real, mode)
    os.symlink("..data/" + path, os.path.join(layout, path))
os.symlink(ts, os.path.join(layout, "..data"))
with open(layout + ".env", "w") as f:
    for name, key in envout:
        f.write("export %s=stand-in-%s\n" % (name, key))
sys.exit(1 if failed else 0)
PY
[ $? -eq 0 ] || not_ok "the manifest's checks all ran and passed"

# fbaudit reads that layout: every seller gets as far as Amazon (here a
# closed loopback port), none fails on its secrets.
if [ -f "$L/fbaudit.ini" ]; then
	. "$L.env"
	# Only the marketplace moves, to a closed port; one try.
	sed -e 's|^\(region = .*\)$|\1\nendpoint = http://127.0.0.1:1\nlwa_endpoint = http://127.0.0.1:1/auth/o2/token|' \
	    -e 's|^\[fbaudit\]$|[fbaudit]\nretry_tries = 1\nconnect_timeout = 2|' \
	    "$L/fbaudit.ini" >"$T_TMP/k8s.ini"
	fb -C "$T_TMP/k8s.ini" --now 2025-12-01 fetch >"$T_TMP/out" \
	    2>"$T_TMP/log"
	expect_eq "with the Kubernetes layout, every seller reaches Amazon: 69" \
	    69 $?
	expect_no_grep "no seller fails on a secret" "_file: \|no secret" \
	    "$T_TMP/out"
	expect_eq "both sellers (secrets as files, secrets from the environment)" \
	    2 "$(grep -c ': FAILED: .*LWA unreachable' "$T_TMP/out")"
	expect_no_grep "no stand-in secret in the log" 'stand-in-' "$T_TMP/log"
else
	not_ok "the Kubernetes layout was written"
fi

# The production example (deploy/fbaudit.example.ini, README) has every
# key fbaudit reads (lib/config_keys.c), set or commented out.
expect_eq "the example configuration names every key" "" "$(grep -oE \
    '^[[:space:]]*\{ "[a-z_]+"' "$TOP/lib/config_keys.c" | tr -dc 'a-z_\n' |
    while read -r k; do grep -qE "^;?[[:space:]]*$k[[:space:]]*=" \
    "$TOP/deploy/fbaudit.example.ini" || printf '%s ' "$k"; done)"

# The production example (deploy/fbaudit.example.ini, README) loads as it
# stands, its secrets in files: its seller gets as far as Amazon.
E=$T_TMP/example
mkdir -p "$E/secrets"
chmod 700 "$E/secrets"
for f in A2EXAMPLE.client_secret A2EXAMPLE.refresh_token; do
	(umask 077 && printf 'stand-in-%s\n' "$f" >"$E/secrets/$f")
done
sed -e "s|/etc/fbaudit/secrets|$E/secrets|" -e "s|/var/lib/fbaudit|$E/data|" \
    -e 's|^\(region = .*\)$|\1\nendpoint = http://127.0.0.1:1\nlwa_endpoint = http://127.0.0.1:1/auth/o2/token|' \
    -e 's|^retry_tries = .*|retry_tries = 1|' \
    "$TOP/deploy/fbaudit.example.ini" >"$E/fbaudit.ini"
fb -C "$E/fbaudit.ini" --now 2025-12-01 fetch >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "the example configuration loads; its seller reaches Amazon: 69" \
    69 $?
expect_grep "the example's seller fails only on the closed port" \
    '^A2EXAMPLE: FAILED: .*LWA unreachable' "$T_TMP/out"
expect_no_grep "no stand-in secret in the example's log" 'stand-in-' \
    "$T_TMP/log"
finish
