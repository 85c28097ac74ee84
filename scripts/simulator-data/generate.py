#!/usr/bin/env python3
"""Writes the Defender simulator's CVE catalog and the demo's offline enrichment snapshot.

Inputs: the CISA KEV snapshot in the simulator (real, CC0) and non-kev-cves.tsv (real CVE ids). Outputs, in
src/PatchHound.DefenderSimulator/Data/Resources:
  nvd-cves.json    one NVD CVE API 2.0 response holding every CVE the simulator uses: the real id, KEV's real
                   cisa* fields, and SYNTHETIC CVSS v3.1 vectors (scored with the CVSS 3.1 formula), published dates
                   and descriptions. Not NVD's data: NVD-shaped, so that the real parser reads it.
  epss-scores.csv  the EPSS CSV format with SYNTHETIC scores for the same CVEs.
Deterministic: the same inputs give the same bytes. Run: python3 scripts/simulator-data/generate.py
"""
import csv, datetime, json, math, os, random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RESOURCES = os.path.join(ROOT, "src", "PatchHound.DefenderSimulator", "Data", "Resources")
SNAPSHOT = "2025-08-26T00:00:00.000"
# KEV vendors whose products run on the workstations and servers the simulator imitates.
KEV_VENDORS = {"Microsoft", "Google", "Mozilla", "Adobe", "Oracle", "Apache", "VMware", "Apple", "Linux", "7-Zip", "RARLAB", "Zoom", "Git"}

AV = {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
AC = {"L": 0.77, "H": 0.44}
PR_U = {"N": 0.85, "L": 0.62, "H": 0.27}
PR_C = {"N": 0.85, "L": 0.68, "H": 0.5}
UI = {"N": 0.85, "R": 0.62}
CIA = {"H": 0.56, "L": 0.22, "N": 0.0}


def roundup(x):
    i = round(x * 100000)
    return i / 100000.0 if i % 10000 == 0 else (math.floor(i / 10000) + 1) / 10.0


def base_score(m):
    iss = 1 - (1 - CIA[m["C"]]) * (1 - CIA[m["I"]]) * (1 - CIA[m["A"]])
    changed = m["S"] == "C"
    impact = 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 if changed else 6.42 * iss
    pr = (PR_C if changed else PR_U)[m["PR"]]
    exploitability = 8.22 * AV[m["AV"]] * AC[m["AC"]] * pr * UI[m["UI"]]
    if impact <= 0:
        return 0.0
    return roundup(min(1.08 * (impact + exploitability), 10)) if changed else roundup(min(impact + exploitability, 10))


def severity(score):
    return "CRITICAL" if score >= 9 else "HIGH" if score >= 7 else "MEDIUM" if score >= 4 else "LOW" if score > 0 else "NONE"


def vector(rng, exploited):
    if exploited:  # known-exploited flaws are mostly remote or local code execution
        m = {"AV": rng.choice("NNNL"), "AC": rng.choice("LLLH"), "PR": rng.choice("NNL"), "UI": rng.choice("NNR"),
             "S": rng.choice("UUUC"), "C": "H", "I": rng.choice("HHL"), "A": rng.choice("HHN")}
    else:
        m = {"AV": rng.choice("NNNLLA"), "AC": rng.choice("LLH"), "PR": rng.choice("NNLH"), "UI": rng.choice("NR"),
             "S": rng.choice("UUUC"), "C": rng.choice("HHLN"), "I": rng.choice("HLNN"), "A": rng.choice("HLNN")}
        if m["C"] == m["I"] == m["A"] == "N":
            m["C"] = "L"
    text = "CVSS:3.1/" + "/".join(f"{k}:{m[k]}" for k in ("AV", "AC", "PR", "UI", "S", "C", "I", "A"))
    return text, base_score(m), m


def published(rng, cve_id, not_after):
    year = int(cve_id.split("-")[1])
    start = datetime.date(year, 1, 5)
    end = min(datetime.date(year, 12, 20), not_after)
    if end < start:
        end = start
    day = start + datetime.timedelta(days=rng.randrange((end - start).days + 1))
    return f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(1000):03d}"


def normalize(text):
    import re
    name = re.sub(r"[^a-z0-9._+\-]", "", re.sub(r"[\s/,:]+", "_", text.strip().lower())).strip("_")
    return name or "unknown"


def main():
    with open(os.path.join(RESOURCES, "known_exploited_vulnerabilities.json"), encoding="utf-8") as f:
        kev = json.load(f)
    kev_by_id = {v["cveID"]: v for v in kev["vulnerabilities"]}
    entries = []  # (cve id, vendor, product, kev entry or None)
    for v in sorted(kev["vulnerabilities"], key=lambda v: v["cveID"]):
        if v["vendorProject"] in KEV_VENDORS:
            entries.append((v["cveID"], normalize(v["vendorProject"]), normalize(v["product"]), v))
    seen = {e[0] for e in entries}
    with open(os.path.join(os.path.dirname(__file__), "non-kev-cves.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            vendor, product, ids = line.rstrip("\n").split("\t")
            for cve_id in ids.split():
                if cve_id in kev_by_id or cve_id in seen:
                    continue
                seen.add(cve_id)
                entries.append((cve_id, vendor, product, None))

    items, epss = [], []
    for cve_id, vendor, product, known in entries:
        rng = random.Random(cve_id)
        exploited = known is not None
        not_after = datetime.date.fromisoformat(known["dateAdded"]) if exploited else datetime.date(2025, 8, 1)
        text, score, _ = vector(rng, exploited)
        cve = {
            "id": cve_id,
            "sourceIdentifier": "patchhound-simulator@example.invalid",
            "published": published(rng, cve_id, not_after),
            "lastModified": SNAPSHOT,
            "vulnStatus": "Analyzed",
        }
        if exploited:
            cve.update({"cisaExploitAdd": known["dateAdded"], "cisaActionDue": known["dueDate"],
                        "cisaRequiredAction": known["requiredAction"], "cisaVulnerabilityName": known["vulnerabilityName"]})
        cve["descriptions"] = [{"lang": "en", "value": f"Synthetic NVD-shaped record of {cve_id} in {vendor} {product} for the PatchHound Defender simulator; CVSS and dates are not NVD's."}]
        cve["metrics"] = {"cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {
            "version": "3.1", "vectorString": text, "baseScore": score, "baseSeverity": severity(score)}}]}
        cve["configurations"] = [{"nodes": [{"operator": "OR", "negate": False, "cpeMatch": [
            {"vulnerable": True, "criteria": f"cpe:2.3:a:{vendor}:{product}:*:*:*:*:*:*:*:*"}]}]}]
        items.append({"cve": cve})
        probability = rng.uniform(0.05, 0.97) if exploited else min(0.6, rng.expovariate(1 / 0.02) + 0.0004)
        epss.append((cve_id, probability))

    document = {"resultsPerPage": len(items), "startIndex": 0, "totalResults": len(items), "format": "NVD_CVE",
                "version": "2.0", "timestamp": SNAPSHOT, "vulnerabilities": items}
    with open(os.path.join(RESOURCES, "nvd-cves.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")

    ranked = sorted(p for _, p in epss)
    with open(os.path.join(RESOURCES, "epss-scores.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("#model_version:synthetic-patchhound-simulator,score_date:2025-08-26T00:00:00+0000\n")
        f.write("cve,epss,percentile\n")
        for cve_id, p in epss:
            percentile = (ranked.index(p) + 1) / len(ranked)
            f.write(f"{cve_id},{p:.5f},{percentile:.5f}\n")
    print(f"{len(items)} CVEs ({sum(1 for e in entries if e[3])} in KEV)")


if __name__ == "__main__":
    main()
