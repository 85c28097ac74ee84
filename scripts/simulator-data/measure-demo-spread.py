#!/usr/bin/env python3
"""Prints the SLA spread of a running simulator's demo tenant as PatchHound's default policy would judge it now
(Critical 7, High 30, Medium 90, Low 180 days; KEV due dates; a 3-day due-soon window).
Usage: python3 scripts/simulator-data/measure-demo-spread.py [http://127.0.0.1:5090] [tenant]"""
import collections, datetime, json, os, sys, urllib.parse, urllib.request

origin = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5090"
tenant = sys.argv[2] if len(sys.argv) > 2 else "demo"
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
kev_file = os.path.join(root, "src", "PatchHound.DefenderSimulator", "Data", "Resources", "known_exploited_vulnerabilities.json")
kev = {v["cveID"]: v.get("dueDate") for v in json.load(open(kev_file, encoding="utf-8"))["vulnerabilities"]}

form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "measure", "client_secret": "simulator-secret",
                               "scope": "https://api.securitycenter.microsoft.com/.default"}).encode()
token = json.load(urllib.request.urlopen(f"{origin}/{tenant}/oauth2/v2.0/token", form))["access_token"]
rows, url = [], f"{origin}/api/machines/SoftwareVulnerabilitiesByMachine"
while url:
    page = json.load(urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})))
    rows += page["value"]
    url = page.get("@odata.nextLink")

now = datetime.datetime.now(datetime.timezone.utc)
days = {"Critical": 7, "High": 30, "Medium": 90, "Low": 180}
states, findings = collections.Counter(), [r for r in rows if r.get("cveId")]
for r in findings:
    first = datetime.datetime.fromisoformat(r["firstSeenTimestamp"].replace(" ", "T")[:19]).replace(tzinfo=datetime.timezone.utc)
    due = first + datetime.timedelta(days=days[r["vulnerabilitySeverityLevel"]])
    if r["cveId"] in kev and kev[r["cveId"]]:
        due = min(due, datetime.datetime.fromisoformat(kev[r["cveId"]] + "T23:59:59.999999+00:00"))
    states["breached" if now >= due else "due soon" if due - now <= datetime.timedelta(days=3) else "within SLA"] += 1
print(f"{len(findings)} findings, {len(rows) - len(findings)} inventory rows, {sum(1 for r in findings if r['cveId'] in kev)} KEV, "
      + ", ".join(f"{n} {s}" for s, n in sorted(states.items())))
