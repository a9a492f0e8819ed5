"""The graph states what the deck states: a table of facts, walked section by section.

Each row is (quote, check). The quote must occur literally in the deck text (after whitespace
normalisation); the check is either a SPARQL ASK query or a (subject, predicate, object) triple,
written in SPARQL syntax. In both, `@path` abbreviates the instance IRI
<https://w3id.org/aigraph/id/path> (Turtle and SPARQL do not allow a bare slash in a prefixed
name). The graph is ontology/aigraph.ttl plus data/*.ttl as asserted, without reasoning.

The deck is read from ../shared/seed/000_7c79ee682fc5b743.txt beside the checkout, or from the file
named by the environment variable AIGRAPH_SEED; when neither exists the quote checks are skipped,
except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import missing
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_7c79ee682fc5b743.txt"  # ../shared beside the checkout
AIGD = "https://w3id.org/aigraph/id/"

PREFIXES = """\
PREFIX aig: <https://w3id.org/aigraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _no_deck() -> None:
    """Skip a check that needs the deck, or fail it in CI, where the deck must be there."""
    missing(f"the deck text is not available (looked for {DEFAULT_SEED} and $AIGRAPH_SEED)")


def _seed_path() -> Path | None:
    for candidate in (DEFAULT_SEED, Path(os.environ["AIGRAPH_SEED"]) if os.environ.get("AIGRAPH_SEED") else None):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _expand(text: str) -> str:
    # An @ right after a closing quote is a language tag ("..."@en), not an instance path.
    return re.sub(r"(?<![\"'])@([A-Za-z][\w\-./]*[\w])", lambda m: f"<{AIGD}{m.group(1)}>", text)


def _ask(check) -> str:
    if isinstance(check, tuple):
        s, p, o = check
        return PREFIXES + _expand(f"ASK {{ {s} {p} {o} }}")
    return PREFIXES + _expand(check)


def _count(pattern: str, n: int) -> str:
    """ASK that the pattern (binding ?x) has exactly n distinct solutions."""
    return f"ASK {{ {{ SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }} }} FILTER(?n = {n}) }}"


def _stat_group(of: str, measure: str, value: int, extra: str = "", k: int = 0) -> str:
    """A group matching one aig:Statistic; `extra` may refer to the statistic as ?s."""
    extra = extra.replace("?s ", f"?s{k} ")
    return (f"{{ ?s{k} a aig:Statistic ; aig:statisticOf {of} ; aig:measure @measure/{measure} ; "
            f"aig:value ?v{k} . FILTER(?v{k} = {value}) {extra} }}")


def _stat(of: str, measure: str, value: int, extra: str = "") -> str:
    return f"ASK {_stat_group(of, measure, value, extra)}"


def _stats(*specs: tuple, more: str = "") -> str:
    """ASK that several statistics (of, measure, value) exist, plus an optional extra pattern."""
    groups = " ".join(_stat_group(*spec, k=i) for i, spec in enumerate(specs))
    return f"ASK {{ {groups} {more} }}"


def _std(path: str, cls: str, identifier: str, committee: str, status: str = "published") -> str:
    return (f'ASK {{ {path} a {cls} ; dcterms:identifier "{identifier}" ; aig:developedBy {committee} ; '
            f"aig:status @status/{status} ; dcterms:title ?t ; rdfs:label ?l . "
            f'FILTER(LANG(?t) = "en" && STR(?l) = CONCAT("{identifier} ", STR(?t))) }}')


SC42 = "@committee/sac-tc28-sc42"
TC260 = "@committee/sac-tc260"
SC34 = "@committee/sac-tc114-sc34"
TC1 = "@committee/miit-tc1"
AIIA = "@committee/aiia"
GAIGI = "@instrument/global-ai-governance-initiative"
PLAN = "@instrument/ai-global-governance-action-plan"
AIPLUS = "@instrument/ai-plus-action-opinions"
DEEP = "@instrument/deep-synthesis-provisions"
GENAI = "@instrument/generative-ai-interim-measures"
LABEL = "@instrument/ai-content-labeling-measures"
GUIDE24 = "@instrument/ai-industry-standardization-system-guidelines"
GUIDE25 = "@instrument/intelligent-social-governance-standardization-guidelines"

FACTS = [
    # --- Title, cover, SESEC -------------------------------------------------------------
    ("SESEC V Webinar – China's AI Policies, Regulations and Standards as of 2025",
     ("@source/sesec-webinar-2025", "dcterms:title", "\"SESEC V Webinar – China's AI Policies, Regulations and Standards as of 2025\"@en")),
    ("23 Sep 2025", ("@source/sesec-webinar-2025", "dcterms:date", '"2025-09-23"^^xsd:date')),
    ("Seconded European Standardization Expert in China (SESEC) Project",
     "ASK { @source/sesec-webinar-2025 dcterms:publisher @project/sesec . @project/sesec a aig:Project ; aig:acronym \"SESEC\" }"),
    ("co-financed by five European partners", _stat("@project/sesec", "project-partners", 5)),
    ("SESEC is a visibility project co-financed by five European partners",
     _count("@project/sesec aig:partner ?x", 5)),
    ("European Commission (EC)", ("@project/sesec", "aig:partner", "@institution/european-commission")),
    ("European Free Trade Association (EFTA)", ("@project/sesec", "aig:partner", "@institution/efta")),
    ("CEN-European Committee for Standardization", "ASK { @project/sesec aig:partner @institution/cen . @institution/cen aig:acronym \"CEN\" }"),
    ("CENELEC-European Committee for Electrotechnical Standardization", ("@project/sesec", "aig:partner", "@institution/cenelec")),
    ("**ETSI**-European Telecommunications Standards Institute", ("@institution/etsi", "rdfs:label", '"European Telecommunications Standards Institute"@en')),
    ("DG Grow is the main partner (80%)",
     "ASK { @project/sesec aig:mainPartner @institution/dg-grow . @institution/dg-grow org:subOrganizationOf @institution/european-commission . "
     "?s aig:statisticOf @institution/dg-grow ; aig:value 80 }"),
    ("support the Framework Cooperation Agreement in place **between the ESOs and SAC.**",
     "ASK { @document/eso-sac-framework-cooperation-agreement a aig:Agreement ; aig:party @authority/sac , @institution/cen }"),
    ("China Standards 2035", ("@project/sesec", "aig:priority", "@sesec-priority/china-standards-2035")),
    ("Digital Transition", "ASK { @sesec-priority/artificial-intelligence skos:broader @sesec-priority/digital-transition . @project/sesec aig:priority @sesec-priority/artificial-intelligence }"),
    # --- Global AI Governance Initiative -------------------------------------------------
    ("Releasing Date: 2023/10/18", (GAIGI, "aig:releaseDate", '"2023-10-18"^^xsd:date')),
    ("Issuing Authorities:</u> CAC - Presented by President Xi", f"ASK {{ {GAIGI} a aig:Initiative ; aig:issuedBy @authority/cac }}"),
    ("Presented by President Xi at the 3rd Belt and Road Forum for International Cooperation",
     f"ASK {{ {GAIGI} aig:presentedBy @person/xi-jinping ; aig:presentedAt @event/third-belt-and-road-forum . @event/third-belt-and-road-forum aig:eventPeriod \"2023\" }}"),
    ("mutual respect, equality, and mutual benefit",
     f'ASK {{ ?p a aig:Principle ; aig:partOf {GAIGI} ; rdfs:label "mutual respect, equality, and mutual benefit"@en }}'),
    ("ethics first", f'ASK {{ ?p a aig:Principle ; aig:partOf {GAIGI} ; rdfs:label "ethics first"@en }}'),
    ("technological capacity for AI governance", _count(f"?x a aig:Principle ; aig:partOf {GAIGI}", 11)),
    # --- Action Plan / WAIC ----------------------------------------------------------------
    ("China hosted the World Artificial Intelligence Conference (WAIC) in Shanghai",
     'ASK { @event/waic-2025 a aig:Event ; aig:eventDate "2025-07-26"^^xsd:date ; aig:location "Shanghai"@en }'),
    ("Premier Li Qiang spoke at the World Artificial Intelligence Conference",
     'ASK { @person/li-qiang aig:spokeAt @event/waic-2025 ; aig:position "Premier"@en }'),
    ("Building an International AI Cooperation Organization",
     "ASK { ?c a aig:CallToAction ; aig:presentedBy @person/li-qiang ; aig:hostedAt @event/waic-2025 }"),
    ("announced the *Artificial Intelligence Global Governance Action Plan*", f"ASK {{ {PLAN} a aig:ActionPlan ; aig:announcedAt @event/waic-2025 }}"),
    ("The Action Plan proposed 13 calls-to-action", _count(f"?x a aig:CallToAction ; aig:partOf {PLAN}", 13)),
    ("1. Seize development opportunities in AI together",
     f'ASK {{ ?c aig:partOf {PLAN} ; aig:ordinal 1 ; rdfs:label "Seize development opportunities in AI together"@en }}'),
    ("8. Pursue global consensus on standards and specifications (ITU-T, ISO/IEC)",
     f"ASK {{ ?c aig:partOf {PLAN} ; aig:ordinal 8 ; aig:mentions @org/itu-t , @org/iso , @org/iec }}"),
    ("11. Support the United Nations to consolidate the Pact for the Future & Global Digital Compact (2024)",
     f'ASK {{ ?c aig:partOf {PLAN} ; aig:ordinal 11 ; aig:refersTo @document/global-digital-compact , @document/pact-for-the-future . @document/global-digital-compact aig:releasePeriod "2024" }}'),
    ("13. Build an inclusive governance system and involves diverse international stakeholders",
     f'ASK {{ ?c aig:partOf {PLAN} ; aig:ordinal 13 ; rdfs:label "Build an inclusive governance system and involves diverse international stakeholders"@en }}'),
    # --- AI+ Opinions --------------------------------------------------------------------
    ("Releasing Date: 2025/08/21", (AIPLUS, "aig:releaseDate", '"2025-08-21"^^xsd:date')),
    ("Issuing Authorities:</u> The State Council of People's Republic of China",
     f"ASK {{ {AIPLUS} a aig:Opinion ; aig:issuedBy @authority/state-council }}"),
    ('国务院关于深入实施"人工智能+"行动的意见', (AIPLUS, "dcterms:title", '"国务院关于深入实施\\"人工智能+\\"行动的意见"@zh')),
    ("国友[2025]11号", (AIPLUS, "dcterms:identifier", '"国友[2025]11号"')),
    ("Penetration rate of new-generation intelligent terminals, agents, and other applications exceeds 70%.",
     f'ASK {{ ?t a aig:Target ; aig:targetOf {AIPLUS} ; aig:targetYear "2027" ; aig:threshold ?v . FILTER(?v = 0.70) }}'),
    ("application penetration rate **surpasses 90%**",
     f'ASK {{ ?t aig:targetOf {AIPLUS} ; aig:targetYear "2030" ; aig:threshold ?v . FILTER(?v = 0.90) }}'),
    ("By 2035, establish a mature intelligent society", f'ASK {{ ?t aig:targetOf {AIPLUS} ; aig:targetYear "2035" }}'),
    ("6 Actions", _count(f"?x a aig:Action ; aig:partOf {AIPLUS}", 6)),
    ("Al Improving Global Cooperation", f'ASK {{ ?a aig:partOf {AIPLUS} ; aig:ordinal 6 ; skos:altLabel "Al Improving Global Cooperation"@en }}'),
    ("8 Capabilities", _count(f"?x a aig:Capability ; aig:partOf {AIPLUS}", 8)),
    ("3.Coordination of intelligent computing power",
     f'ASK {{ ?c a aig:Capability ; aig:partOf {AIPLUS} ; aig:ordinal 3 ; rdfs:label "Coordination of intelligent computing power"@en }}'),
    ("8. Security capabilities", 'ASK { ?c a aig:Capability ; aig:ordinal 8 ; rdfs:label "Security capabilities"@en }'),
    # --- Laws ----------------------------------------------------------------------------
    ("> Cybersecurity Law", ("@instrument/cybersecurity-law", "a", "aig:Law")),
    ("Personal Information Protection Law of the People's Republic of China",
     "ASK { @instrument/personal-information-protection-law a aig:Law ; dcterms:title \"Personal Information Protection Law of the People's Republic of China\"@en }"),
    ("China Data Security Law", "ASK { @instrument/data-security-law a aig:Law ; rdfs:label \"China Data Security Law\"@en }"),
    ("Ministry of Science and Technology (MoST)", 'ASK { @authority/most rdfs:label "Ministry of Science and Technology"@en ; aig:acronym "MoST" }'),
    ("New Generation of AI Ethics Norms (Sep 2021)",
     'ASK { @instrument/new-generation-ai-ethics-norms a aig:EthicsNorm ; aig:issuedBy @authority/most ; aig:releasePeriod "2021-09" }'),
    ("the draft Artificial Intelligence Law has been included in the State Council's annual legislative work plan",
     "ASK { @instrument/artificial-intelligence-law-draft a aig:Law ; aig:status @status/draft }"),
    # --- Deep Synthesis Provisions -------------------------------------------------------
    ("互联网信息服务深度合成管理规定", (DEEP, "dcterms:title", '"互联网信息服务深度合成管理规定"@zh')),
    ("Issued: Dec 25, 2022 | Effective: Jan 10, 2023",
     f'ASK {{ {DEEP} a aig:DepartmentalRule ; aig:issueDate "2022-12-25"^^xsd:date ; aig:effectiveDate "2023-01-10"^^xsd:date }}'),
    ("Issued by: CAC, MIIT, MPS",
     f"ASK {{ {DEEP} aig:issuedBy @authority/cac , @authority/miit , @authority/mps . "
     f"{{ SELECT (COUNT(?a) AS ?n) WHERE {{ {DEEP} aig:issuedBy ?a }} }} FILTER(?n = 3) }}"),
    ("Focus: Regulate AI-generated content (deepfakes, voice cloning,",
     f'ASK {{ {DEEP} aig:focus ?f . FILTER(CONTAINS(?f, "deepfakes, voice cloning, virtual humans")) }}'),
    ("Applies to providers using AI to generate/modify text, image, audio, or video",
     (DEEP, "aig:scope", '"Applies to providers using AI to generate/modify text, image, audio, or video"@en')),
    # --- Interim Measures 2023 -----------------------------------------------------------
    ("Issued: Jul 10, 2023 | Effective: Aug 15, 2023",
     f'ASK {{ {GENAI} aig:issueDate "2023-07-10"^^xsd:date ; aig:effectiveDate "2023-08-15"^^xsd:date }}'),
    ("Issued by: CAC, NDRC, MOE, MoST, MIIT, MPS, SAMR",
     f"ASK {{ {GENAI} aig:issuedBy @authority/cac , @authority/ndrc , @authority/moe , @authority/most , @authority/miit , @authority/mps , @authority/samr . "
     f"{{ SELECT (COUNT(?a) AS ?n) WHERE {{ {GENAI} aig:issuedBy ?a }} }} FILTER(?n = 7) }}"),
    ("Legal basis: Cybersecurity Law", (GENAI, "aig:legalBasis", "@instrument/cybersecurity-law")),
    ("Security Law, Personal Info Protection Law", f"ASK {{ {GENAI} aig:legalBasis @instrument/data-security-law , @instrument/personal-information-protection-law }}"),
    ("Sci-Tech Progress Law", f"ASK {{ {GENAI} aig:legalBasis @instrument/sci-tech-progress-law . @instrument/sci-tech-progress-law a aig:Law }}"),
    ("生成式人工智能服务管理暂行办法", (GENAI, "dcterms:title", '"生成式人工智能服务管理暂行办法"@zh')),
    ("Interim Measures for the Administration of Generative Artificial Intelligence Services (2023)",
     (GENAI, "dcterms:title", '"Interim Measures for the Administration of Generative Artificial Intelligence Services"@en')),
    ("must be clearly labelled in accordance with the *Provisions on the Administration of Deep Synthesis of Internet Information Services*",
     (GENAI, "aig:refersTo", DEEP)),
    ("activities involving the provision of services through generative artificial intelligence technologies.",
     (GENAI, "aig:scope", '"activities involving the provision of services through generative artificial intelligence technologies."@en')),
    # --- Labeling Measures ---------------------------------------------------------------
    ("Releasing Date: 2025/03/14", (LABEL, "aig:releaseDate", '"2025-03-14"^^xsd:date')),
    ("Issuing Authorities:</u> CAC, MIIT, MPS, NRTA",
     f"ASK {{ {LABEL} aig:issuedBy @authority/cac , @authority/miit , @authority/mps , @authority/nrta . "
     f"{{ SELECT (COUNT(?a) AS ?n) WHERE {{ {LABEL} aig:issuedBy ?a }} }} FILTER(?n = 4) }}"),
    ("GB 45438-2025 Cybersecurity technology—Labeling method for content generated by artificial intelligence (effective from 1 Sep 2025)",
     f'ASK {{ @standard/gb-45438-2025 aig:supports {LABEL} ; aig:effectiveDate "2025-09-01"^^xsd:date }}'),
    ("TC260-PG-20252A Cybersecurity standard practice guideline -Identification", ("@standard/tc260-pg-20252a", "aig:supports", LABEL)),
    ("Measures for the Labelling of Content Generated by Artificial Intelligence (2025)",
     (LABEL, "skos:altLabel", '"Measures for the Labelling of Content Generated by Artificial Intelligence"@en')),
    ("NRTA", ("@authority/nrta", "aig:acronym", '"NRTA"')),
    # --- Guidelines 2024 and 2025 --------------------------------------------------------
    ("Releasing Date: 2024/07/02", f'ASK {{ {GUIDE24} a aig:Guideline ; aig:releaseDate "2024-07-02"^^xsd:date }}'),
    ("Issuing Authorities:</u> MIIT, CAC, NDRC,SAC",
     f"ASK {{ {GUIDE24} aig:issuedBy @authority/miit , @authority/cac , @authority/ndrc , @authority/sac . "
     f"{{ SELECT (COUNT(?a) AS ?n) WHERE {{ {GUIDE24} aig:issuedBy ?a }} }} FILTER(?n = 4) }}"),
    ("By 2026, over 50 new national standards and sector standards in AI should be formulated",
     f'ASK {{ ?t aig:targetOf {GUIDE24} ; aig:targetYear "2026" ; aig:threshold ?v ; aig:standardKind @standard-kind/national , @standard-kind/sector . FILTER(?v = 50) }}'),
    ("over 1000 enterprises participate in official standard education",
     f"ASK {{ ?t aig:targetOf {GUIDE24} ; aig:threshold ?v . FILTER(?v = 1000) }}"),
    ("engagement in development of international standards should exceeds 20",
     f"ASK {{ ?t aig:targetOf {GUIDE24} ; aig:threshold ?v . FILTER(?v = 20) }}"),
    ("Releasing Date: 2025/06/10", f'ASK {{ {GUIDE25} a aig:Guideline ; aig:releaseDate "2025-06-10"^^xsd:date }}'),
    ("Issuing Authorities:</u> CAC, SAC",
     f"ASK {{ {GUIDE25} aig:issuedBy @authority/cac , @authority/sac . {{ SELECT (COUNT(?a) AS ?n) WHERE {{ {GUIDE25} aig:issuedBy ?a }} }} FILTER(?n = 2) }}"),
    ("which comprises five key components", _count(f"?x a aig:StandardsSystemComponent ; aig:partOf {GUIDE25}", 5)),
    ("Impact evaluation", f'ASK {{ ?c aig:partOf {GUIDE25} ; aig:ordinal 5 ; rdfs:label "Impact evaluation"@en }}'),
    # --- SDO types -----------------------------------------------------------------------
    ("SAC/TC28/SC42 Artificial Intelligence (focuses on national standards and mirrors ISO/IEC JTC1/SC42)",
     f"ASK {{ {SC42} aig:sdoType @sdo-type/I ; aig:mirrors @committee/iso-iec-jtc1-sc42 }}"),
    ("Newly Set-up! MIIT/TC01 Artificial Intelligence (focuses on sector standards)",
     f'ASK {{ {TC1} aig:sdoType @sdo-type/I ; aig:focus "focuses on sector standards"@en }}'),
    ("Al Standardization General Group", ("@committee/ai-standardization-general-group", "aig:sdoType", "@sdo-type/I")),
    ("SAC/TC46/SC15 smart household electric",
     "ASK { @committee/sac-tc46-sc15 a aig:Subcommittee ; aig:sdoType @sdo-type/III ; org:subOrganizationOf @committee/sac-tc46 }"),
    ("SAC/TC 268 intelligent transport systems", ("@committee/sac-tc268", "aig:sdoType", "@sdo-type/III")),
    ("SAC/TC426/SC1 intelligent residence community",
     "ASK { @committee/sac-tc426-sc1 aig:sdoType @sdo-type/III ; org:subOrganizationOf @committee/sac-tc426 }"),
    ("SAC/TC 136 the competent body responsible for AI-related medical device standardization in China.",
     "ASK { @committee/sac-tc136 a aig:TechnicalCommittee ; aig:sdoType @sdo-type/III ; aig:focus ?f . FILTER(CONTAINS(?f, \"medical device\")) }"),
    ("SAC/TC260/Special Working Group on -Emerging Technology Security",
     f"ASK {{ @committee/sac-tc260-emerging-technology-security-wg a aig:WorkingGroup ; aig:sdoType @sdo-type/II ; org:subOrganizationOf {TC260} }}"),
    ("SAC/SWG32 Intelligent Computing", "ASK { @committee/sac-swg32 aig:sdoType @sdo-type/II ; org:subOrganizationOf @authority/sac }"),
    ("CCSA/TC602 Artificial intelligence technology and standards promotion",
     "ASK { @committee/ccsa-tc602 aig:sdoType @sdo-type/II ; org:subOrganizationOf @committee/ccsa }"),
    ("Artificial Intelligence Industry Alliance (AIIA)", f'ASK {{ {AIIA} a aig:Alliance ; aig:acronym "AIIA" ; aig:sdoType @sdo-type/II }}'),
    ("New Generation AI Industry Technology Innovation Strategic Alliance (AITISA)",
     'ASK { @committee/aitisa a aig:Alliance ; aig:acronym "AITISA" ; aig:sdoType @sdo-type/II }'),
    ("SAC/TC114/SC34 intelligent and connected vehicle",
     f"ASK {{ {SC34} a aig:Subcommittee ; aig:sdoType @sdo-type/III ; org:subOrganizationOf @committee/sac-tc114 . @committee/sac-tc114 org:subOrganizationOf @authority/sac }}"),
    # --- SAC/TC28/SC42 overview ----------------------------------------------------------
    ("SAC/TC28/SC42 – Mirroring committee of ISO/IEC/JTC1/SC42",
     f"ASK {{ {SC42} a aig:Subcommittee ; aig:mirrors @committee/iso-iec-jtc1-sc42 ; org:subOrganizationOf @committee/sac-tc28 . @committee/sac-tc28 org:subOrganizationOf @authority/sac }}"),
    ("Full name: Nantional Artificial Intelligence Standardization Technical Committee",
     f"ASK {{ {SC42} skos:altLabel \"Nantional Artificial Intelligence Standardization Technical Committee\"@en ; skos:editorialNote ?n . FILTER(CONTAINS(?n, \"Nantional\")) }}"),
    ("Year of establishment: 2020", (SC42, "aig:established", '"2020"')),
    ("Secretariat unit: CESI (China Electronics Standardization Institute)",
     f'ASK {{ {SC42} aig:hasSecretariat @institution/cesi . @institution/cesi a aig:SecretariatInstitute ; aig:acronym "CESI" ; rdfs:label "China Electronics Standardization Institute"@en }}'),
    ("Number of expert members: 62", (SC42, "aig:expertCount", "62")),
    ("Number of member organizations: 602", (SC42, "aig:memberOrganizationCount", "602")),
    ("Subordinated WGs: 27 Working groups as of 2025", (SC42, "aig:workingGroupCount", "27")),
    ("Supporting MIIT and MOST for policy drafting", f"ASK {{ {SC42} aig:supportsPolicyDraftingFor @authority/miit , @authority/most }}"),
    ("Engagement in ISO/IEC JTC 1/SC42 and IEEE", f"ASK {{ {SC42} aig:priority ?p . ?p aig:mentions @org/ieee }}"),
    # --- SC42 working groups -------------------------------------------------------------
    ("Introduction of Technical WG of SAC/TC28/SC42 (in Blue)",
     _count(f'?x a aig:WorkingGroup ; org:subOrganizationOf {SC42} ; aig:focus "technology/research"@en', 14)),
    ("Working Group of Fundamental Standards",
     f'ASK {{ ?wg rdfs:label "Working Group of Fundamental Standards"@en ; org:subOrganizationOf {SC42} ; aig:mirrors @committee/iso-iec-jtc1-sc42 ; aig:scope ?s . FILTER(CONTAINS(?s, "AI terminology, AI management system")) }}'),
    ("Working Group of Knowledge Graph", f'ASK {{ ?wg rdfs:label "Working Group of Knowledge Graph"@en ; org:subOrganizationOf {SC42} }}'),
    ("Working Group of Embodied Intelligence",
     'ASK { ?wg rdfs:label "Working Group of Embodied Intelligence"@en ; aig:scope ?s . FILTER(CONTAINS(?s, "embodied large models")) }'),
    ("Working Group of Artificial Intelligence Testing Benchmark",
     f'ASK {{ ?wg rdfs:label "Working Group of Artificial Intelligence Testing Benchmark"@en ; org:subOrganizationOf {SC42} ; aig:scope ?s . FILTER(CONTAINS(?s, "AI computing power benchmarking")) }}'),
    ("WG Steel Iron", f'ASK {{ ?wg a aig:WorkingGroup ; org:subOrganizationOf {SC42} ; skos:altLabel "WG Steel Iron Application"@en }}'),
    # --- SC42 statistics -----------------------------------------------------------------
    ("83 national standards published", _stat(SC42, "standards-published", 83, "?s aig:standardKind @standard-kind/national .")),
    ("53 sector standards published", _stat(SC42, "standards-published", 53, "?s aig:standardKind @standard-kind/sector .")),
    ("**36** national standards published",
     _stat(SC42, "standards-published", 36, '?s aig:standardKind @standard-kind/national ; aig:referenceYear "2025" .')),
    ("30 national standards under development", _stat(SC42, "standards-under-development", 30)),
    ("**8** standard project to be launched", _stat(SC42, "standard-projects-to-be-launched", 8, "?s aig:standardKind @standard-kind/national .")),
    ("**2** sector standard published", _stat(SC42, "standards-published", 2, "?s aig:standardKind @standard-kind/sector .")),
    ("**19** sector standard under research", _stat(SC42, "standards-under-research", 19)),
    ("4 sector standards projects to be launched", _stat(SC42, "standard-projects-to-be-launched", 4, "?s aig:standardKind @standard-kind/sector .")),
    # --- SC42 published standards --------------------------------------------------------
    ("GB/T 42382.1-2023 Information technology—Neural network representation and model compression—Part 1: Convolutional neural network",
     _std("@standard/gb-t-42382-1-2023", "aig:RecommendedNationalStandard", "GB/T 42382.1-2023", SC42)),
    ("GB/T 42131-2022 Artificial intelligence—Technical framework of knowledge graph",
     ("@standard/gb-t-42131-2022", "aig:category", "@standard-category/key-technologies")),
    ("GB/T 45288.3-2025 Artificial intelligence—Large-scale models—Part 3: Service capability maturity assessment",
     _std("@standard/gb-t-45288-3-2025", "aig:RecommendedNationalStandard", "GB/T 45288.3-2025", SC42)),
    ("GB/T 41867-2022 Information technology—Artificial intelligence— Terminology",
     ("@standard/gb-t-41867-2022", "aig:category", "@standard-category/basic-and-generic")),
    ("GB/T 45081-2024 Artificial intelligence - Management system",
     _std("@standard/gb-t-45081-2024", "aig:RecommendedNationalStandard", "GB/T 45081-2024", SC42)),
    ("GB/T 45079-2024 Artificial intelligence— Technical specification for deep learning framework adaption to multi-hardware platform",
     ("@standard/gb-t-45079-2024", "aig:category", "@standard-category/foundational-support")),
    ("GB/T 45401.2-2025 Artificial intelligence— Scheduling and cooperation for computing devices—Part 2: Framework for distributed computing",
     _std("@standard/gb-t-45401-2-2025", "aig:RecommendedNationalStandard", "GB/T 45401.2-2025", SC42)),
    ("Key technologies(by TC28/SC42):", _count(f"?x a aig:RecommendedNationalStandard ; aig:developedBy {SC42}", 17)),
    # --- SC42 international standardization ----------------------------------------------
    ("106 Regsitered experts (revoking 46 registrations)",
     _stats((SC42, "registered-experts", 106), (SC42, "revoked-registrations", 46))),
    ("covering 90% of working group", _stat(SC42, "working-group-coverage-percent", 90)),
    ("10 international standards led by China, 6 published&4 developing, accounting for 13% of total standards.",
     _stats((SC42, "international-standards-led", 10), (SC42, "international-standards-led-published", 6),
            (SC42, "international-standards-led-developing", 4), (SC42, "share-of-total-standards-percent", 13))),
    ("(Last year was 12%, therefore 1% growth)",
     _stat(SC42, "share-of-total-standards-percent", 12, '?s aig:referenceYear "2024" .')),
    ("CESI experts are holding the convenor and secretary roles in ISO/IEC JTC1/SC42 WG5.",
     "ASK { @committee/iso-iec-jtc1-sc42-wg5 a aig:InternationalWorkingGroup ; aig:convenorFrom @institution/cesi ; aig:secretaryFrom @institution/cesi ; org:subOrganizationOf @committee/iso-iec-jtc1-sc42 }"),
    ("ISO/IEC TS 4213 Information technology-Artificial Intelligence-Assessment of machine learning classification performance",
     f'ASK {{ @standard/iso-iec-ts-4213 a aig:ISOIECTechnicalSpecification ; dcterms:identifier "ISO/IEC TS 4213" . {SC42} aig:leads @standard/iso-iec-ts-4213 }}'),
    ("ISO/IEC 5392 Information technology-Artificial Intelligence -Reference architecture of knowledge engineering",
     f'ASK {{ @standard/iso-iec-5392 a aig:InternationalStandard ; dcterms:title "Information technology-Artificial Intelligence -Reference architecture of knowledge engineering"@en . {SC42} aig:leads @standard/iso-iec-5392 }}'),
    ("ISO/IEC TR 24372 Information technology Artificial intelligence (AI) Overview of computational approaches for AI systems",
     ("@standard/iso-iec-tr-24372", "a", "aig:ISOIECTechnicalReport")),
    ("ISO/IEC TR 197903 Information technology Artificial intelligence Overview of machine learning computing devices",
     'ASK { @standard/iso-iec-tr-197903 dcterms:identifier "ISO/IEC TR 197903" ; skos:editorialNote ?n }'),
    ("ISO/IEC TS 42112 Information technology Artificial intelligence - Guidance on machine learning model training efficiency optimization",
     'ASK { @standard/iso-iec-ts-42112 a aig:ISOIECTechnicalSpecification ; aig:developedBy @committee/iso-iec-jtc1-sc42 ; aig:status @status/published }'),
    ("ISO/IEC 4213 Information technology Artificial intelligence Assessment of machine learning classification performance",
     'ASK { @standard/iso-iec-4213 a aig:InternationalStandard ; dcterms:identifier "ISO/IEC 4213" ; skos:editorialNote ?n . FILTER(@standard/iso-iec-4213 != @standard/iso-iec-ts-4213) }'),
    ("6 published International standards led by SAC/TC28/SC42.", _count(f"{SC42} aig:leads ?x . ?x aig:status @status/published", 6)),
    # --- SAC/TC260 -----------------------------------------------------------------------
    ("TC260-003 Basic security requirements for generative artificial intelligence service",
     f'ASK {{ @standard/tc260-003 a aig:TechnicalDocument ; dcterms:identifier "TC260-003" ; aig:supports {GENAI} ; aig:releasePeriod "2024" ; aig:developedBy {TC260} }}'),
    ("GB/T 45654-2025 Cybersecurity technology—Basic security requirements for generative artificial intelligence service (Will take effect on 1 Nov 2025)",
     f'ASK {{ @standard/gb-t-45654-2025 a aig:RecommendedNationalStandard ; aig:effectiveDate "2025-11-01"^^xsd:date ; aig:developedBy {TC260} }}'),
    ("deemed as an extension of the previous technical document", ("@standard/gb-t-45654-2025", "aig:extends", "@standard/tc260-003")),
    ("GB 45438-2025 Cybersecurity technology—Labeling method for content generated by artificial intelligence (Took effect on 1 Sep 2025)",
     _std("@standard/gb-45438-2025", "aig:MandatoryNationalStandard", "GB 45438-2025", TC260)),
    ("TC260-PG-20252A Cybersecurity standard practice guideline Identification of AI-Generated synthetic content: Coding rules for service providers",
     f'ASK {{ @standard/tc260-pg-20252a a aig:PracticeGuideline ; dcterms:identifier "TC260-PG-20252A" ; aig:developedBy {TC260} }}'),
    ("TC260 published 6 cybersecurity standard practice guidelines in 2025",
     _count(f'?x a aig:PracticeGuideline ; aig:developedBy {TC260} ; aig:supports {LABEL} ; aig:releasePeriod "2025" . FILTER NOT EXISTS {{ ?x dcterms:identifier ?i }}', 6)),
    ("Implicit File Metadata Labeling for Audio Files",
     f'ASK {{ ?g a aig:PracticeGuideline ; aig:supports {LABEL} ; dcterms:title ?t . FILTER(STRENDS(?t, "Implicit File Metadata Labeling for Audio Files")) }}'),
    ("Synthetic Content Detection Part 1: Framework",
     'ASK { ?g a aig:PracticeGuideline ; aig:ordinal 6 ; dcterms:title ?t . FILTER(STRENDS(?t, "Detection Part 1: Framework")) }'),
    ("GB/T 42888-2023 Information security technology— Assessment specification for security of machine learning algorithms",
     _std("@standard/gb-t-42888-2023", "aig:RecommendedNationalStandard", "GB/T 42888-2023", TC260)),
    ("GB/T 45958-2025** Cybersecurity technology Security framework for artificial intelligence computing platform",
     _std("@standard/gb-t-45958-2025", "aig:RecommendedNationalStandard", "GB/T 45958-2025", TC260)),
    ("GB/T 45674-2025** Cybersecurity technology—Generative artificial intelligence data annotation security specification",
     _std("@standard/gb-t-45674-2025", "aig:RecommendedNationalStandard", "GB/T 45674-2025", TC260)),
    ("GB/T 45652-2025** Cybersecurity technology—Security specification for generative artificial intelligence pre-training and fine-tuning data",
     _std("@standard/gb-t-45652-2025", "aig:RecommendedNationalStandard", "GB/T 45652-2025", TC260)),
    ("TC260 has published 6 Al-safety governance national standards",
     _stats((TC260, "standards-published", 6),
            more=f"{{ SELECT (COUNT(?x) AS ?n) WHERE {{ ?x rdf:type/rdfs:subClassOf* aig:NationalStandard ; aig:developedBy {TC260} }} }} FILTER(?n = 6)")),
    ("Meanwhile, TC260 is developing another 2 critical national standards",
     _count(f"?x a aig:StandardProject ; aig:developedBy {TC260} ; aig:status @status/under-development", 2)),
    ("Cybersecurity technology Classification and grading methodology for artificial intelligence application security",
     f'ASK {{ ?p a aig:StandardProject ; aig:developedBy {TC260} ; dcterms:title "Cybersecurity technology Classification and grading methodology for artificial intelligence application security"@en . FILTER NOT EXISTS {{ ?p dcterms:identifier ?i }} }}'),
    ("On 9 September 2024, TC260 released the *AI Safety Governance Framework 1.0*",
     f'ASK {{ @instrument/ai-safety-governance-framework-1-0 a aig:Framework ; aig:releaseDate "2024-09-09"^^xsd:date ; aig:releasedBy {TC260} }}'),
    ("On 15 September 2025, TC260 quickly released *the AI Safety Governance Framework 2.0*",
     'ASK { @instrument/ai-safety-governance-framework-2-0 aig:releaseDate "2025-09-15"^^xsd:date ; aig:revises @instrument/ai-safety-governance-framework-1-0 }'),
    # --- MIIT/TC1 ------------------------------------------------------------------------
    ("MIIT/TC1 – Artificial Intelligence Standardization Committee",
     f'ASK {{ {TC1} a aig:TechnicalCommittee ; aig:acronym "MIIT/TC1" ; rdfs:label "MIIT/TC1 Artificial Intelligence Standardization Committee"@en }}'),
    ("Announcement Date: Nov 22, 2024", (TC1, "aig:announcementDate", '"2024-11-22"^^xsd:date')),
    ("Organizer: Ministry of Industry and Information", (TC1, "aig:organizer", "@authority/miit")),
    ("Secretariat: China Academy of Information and",
     f'ASK {{ {TC1} aig:hasSecretariat @institution/caict . @institution/caict aig:acronym "CAICT" }}'),
    ("41 members in total", (TC1, "aig:memberCount", "41")),
    ("4 Vice Chairpersons",
     _stats((TC1, "vice-chairpersons", 4),
            more=f"{{ SELECT (COUNT(?m) AS ?n) WHERE {{ ?m org:organization {TC1} ; org:role @role/vice-chair }} }} FILTER(?n = 4)")),
    ("34 additional members", _stat(TC1, "additional-members", 34)),
    ("Executive Vice Chair: Yu Xiaohui (President, CAICT)",
     f'ASK {{ ?m org:member @person/yu-xiaohui ; org:organization {TC1} ; org:role @role/executive-vice-chair . @person/yu-xiaohui aig:position "President, CAICT"@en ; aig:affiliation @institution/caict }}'),
    ("Liu Xiangang (CESI)",
     f"ASK {{ ?m org:member @person/liu-xiangang ; org:organization {TC1} ; org:role @role/vice-chair . @person/liu-xiangang aig:affiliation @institution/cesi }}"),
    ("Wang Yunhui (Fifth Institute of MIIT)",
     "ASK { @person/wang-yunhui aig:affiliation @institution/fifth-institute-of-miit . @institution/fifth-institute-of-miit org:subOrganizationOf @authority/miit }"),
    ("Huang Tiejun (Peking University)",
     "ASK { ?m org:member @person/huang-tiejun ; org:role @role/vice-chair . @person/huang-tiejun aig:affiliation @institution/peking-university }"),
    ("Zhou Bowen (Pujiang Lab)",
     f"ASK {{ ?m org:member @person/zhou-bowen ; org:organization {TC1} ; org:role @role/vice-chair . @person/zhou-bowen aig:affiliation @institution/pujiang-lab }}"),
    ("Secretary-General: Wei Kai (Director, Al Institute, CAICT)",
     f"ASK {{ ?m org:member @person/wei-kai ; org:organization {TC1} ; org:role @role/secretary-general . "
     f"?m2 org:member @person/wei-kai ; org:role @role/committee-member . @person/wei-kai aig:affiliation ?i . ?i org:subOrganizationOf @institution/caict }}"),
    ("Large models", (TC1, "aig:scope", '"Large models"@en')),
    ("Al risk & governance", (TC1, "aig:scope", '"AI risk & governance"@en')),
    ("Evaluation & testing", _count(f"{TC1} aig:scope ?x", 8)),
    # --- AIIA ----------------------------------------------------------------------------
    ("the number of alliance members has exceeded 1,304",
     _stat(AIIA, "alliance-members", 1304, '?s aig:comparator "more than" .')),
    ("164 new additions in the first half of the year", _stat(AIIA, "new-alliance-members", 164)),
    ("8 new specialized working groups established", _stat(AIIA, "new-working-groups", 8)),
    ('releasing 8 reports including the "Financial Large Model Implementation Roadmap" and 28 standards',
     _stats((AIIA, "reports-released", 8), (AIIA, "standards-released", 28),
            more=f"@report/financial-large-model-implementation-roadmap a aig:Report ; aig:releasedBy {AIIA} .")),
    ("4 supply-demand matching events were held", _stat(AIIA, "supply-demand-matching-events", 4)),
    ("Under the guidance of MIIT and other ministries and commissions", (AIIA, "aig:guidedBy", "@authority/miit")),
    ('the "2025 AI for Good Innovation Case Collection" was jointly released',
     f"ASK {{ @report/ai-for-good-innovation-case-collection-2025 a aig:Report ; aig:releasedBy {AIIA} }}"),
    # --- CCSA/TC602 ----------------------------------------------------------------------
    ("was established in March 2018", ("@committee/ccsa-tc602", "aig:established", '"2018-03"')),
    ("CCSA/TC602 consists of 14 technical working groups",
     "ASK { @committee/ccsa-tc602 aig:workingGroupCount 14 . "
     "{ SELECT (COUNT(?w) AS ?n) WHERE { ?w a aig:WorkingGroup ; org:subOrganizationOf @committee/ccsa-tc602 } } FILTER(?n = 14) }"),
    ("WG6 Embodied intelligence and humanoid robots",
     'ASK { @committee/ccsa-tc602-wg6 org:subOrganizationOf @committee/ccsa-tc602 ; aig:scope "Embodied intelligence and humanoid robots"@en }'),
    ("WG14 Software", 'ASK { @committee/ccsa-tc602-wg14 aig:ordinal 14 ; aig:scope "Software"@en }'),
    # --- SAC/TC114/SC34 ------------------------------------------------------------------
    ("In 2024, WG AI for vehicles was established.",
     f'ASK {{ @committee/sac-tc114-sc34-wg-ai-for-vehicles aig:established "2024" ; org:subOrganizationOf {SC34} }}'),
    ("In 2025, SC/34 WG AI for vehicles published *Research Papers on Standards System for AI for Vehicles.*",
     'ASK { @report/research-papers-on-standards-system-for-ai-for-vehicles aig:releasedBy @committee/sac-tc114-sc34-wg-ai-for-vehicles ; aig:releasePeriod "2025" }'),
    ("automotive chip", (SC34, "aig:scope", '"automotive chip"@en')),
    ("GB/T 45312-2025 Intelligent and connected vehicle—Operational design condition for automated driving system",
     _std("@standard/gb-t-45312-2025", "aig:RecommendedNationalStandard", "GB/T 45312-2025", SC34)),
    ("GB 44497-2024 Data storage system for automated driving",
     _std("@standard/gb-44497-2024", "aig:MandatoryNationalStandard", "GB 44497-2024", SC34)),
    ("GB/T 41798-2022 Intelligent and connected vehicles——Track testing methods and requirements for automated driving functions",
     _std("@standard/gb-t-41798-2022", "aig:RecommendedNationalStandard", "GB/T 41798-2022", SC34)),
    ("Key Standards Published:", _count(f"?x rdf:type/rdfs:subClassOf* aig:NationalStandard ; aig:developedBy {SC34} ; aig:status @status/published", 9)),
    ("a total of **15 standards projects** are ongoing in SC34",
     _stat(SC34, "standards-projects-ongoing", 15, '?s aig:asOf "2025-09" .')),
    ("**18 standards projects** waiting for approval", _stat(SC34, "standards-projects-waiting-for-approval", 18)),
    ("20243207-T-339 Technical specification for digital key system of vehicles",
     _std("@standard/20243207-t-339", "aig:StandardProject", "20243207-T-339", SC34, "public-consultation")),
    ("20254323-Q-339 Intelligent and connected vehicle Safety requirements of combined driver assistance system",
     _std("@standard/20254323-q-339", "aig:StandardProject", "20254323-Q-339", SC34, "public-consultation")),
    ("Key Standards undergoing Public Consultation:", _count(f"?x aig:developedBy {SC34} ; aig:status @status/public-consultation", 4)),
    ("2024-0746T-QC Technical Requirements and Testing Methods for Automotive Gateway Chips",
     _std("@standard/2024-0746t-qc", "aig:StandardProject", "2024-0746T-QC", SC34, "drafting-or-pre-research")),
    ("Road Vehicles—Cybersecurity Validation and Verification",
     f'ASK {{ ?p a aig:StandardProject ; aig:developedBy {SC34} ; aig:status @status/drafting-or-pre-research ; rdfs:label "Road Vehicles—Cybersecurity Validation and Verification"@en . FILTER NOT EXISTS {{ ?p dcterms:identifier ?i }} }}'),
    ("Key Standards in Drafting or Pre-research phases:", _count(f"?x aig:developedBy {SC34} ; aig:status @status/drafting-or-pre-research", 5)),
    # --- Summaries -----------------------------------------------------------------------
    ("Chinese experts are in charge of ISO/IEC JTC1/SC42 WG5",
     "ASK { @committee/iso-iec-jtc1-sc42-wg5 dcterms:source @section/summary-2023-2025 }"),
    ("SAC/TC260, the SDO responsible for AI security/safety standards development",
     f'ASK {{ {TC260} aig:focus ?f . FILTER(CONTAINS(?f, "AI security/safety standards development")) }}'),
    ("CCSA/TC602 & MIIT/TC01", f'ASK {{ {TC1} skos:altLabel "MIIT/TC01"@en ; skos:editorialNote ?n . FILTER(CONTAINS(?n, "MIIT/TC01")) }}'),
    ("Al Global Governance Action Plan (2025)", f"ASK {{ {PLAN} dcterms:source @section/summary-2023-2025 }}"),
    # --- Issue 17: mismatches fixed and gaps filled ----------------------------------------
    ("CESI experts are holding the convenor and secretary roles in ISO/IEC JTC1/SC42 WG5. Their key working areas in the ISO/IEC are Al data quality and governance,",
     f'ASK {{ @committee/iso-iec-jtc1-sc42-wg5 rdfs:comment ?w . {SC42} rdfs:comment ?s . '
     f'FILTER(CONTAINS(?w, "key working areas") && !CONTAINS(?s, "working areas")) }}'),
    ("SAC/TC28/SC 42 Artificial Intelligence Subcommittee (2025)",
     f'ASK {{ {SC42} a aig:Subcommittee ; skos:editorialNote ?n . FILTER(CONTAINS(?n, "Standardization Technical Committee") && CONTAINS(?n, "Subcommittee")) }}'),
    ("- More others... Type II: organizations or technical committees with specific focus",
     "ASK { @sdo-type/III skos:editorialNote ?n . FILTER(CONTAINS(?n, \"More others\") && CONTAINS(?n, \"before Type II\")) }"),
    ("106 Regsitered experts (revoking 46 registrations)",
     "ASK { @statistic/sc42-revoked-registrations-jtc1-sc42 aig:value 46 ; skos:editorialNote ?n . FILTER(CONTAINS(?n, \"could also mean\")) }"),
    ("(Last year was 12%, therefore 1% growth)",
     "ASK { @statistic/sc42-share-of-jtc1-sc42-standards-2025 aig:value 13 ; skos:editorialNote ?n . FILTER(CONTAINS(?n, \"percentage point\")) }"),
    ("First official measures regulating Generative Al and the supporting mandatory national standard have been released",
     f'ASK {{ @standard/gb-45438-2025 aig:supports {LABEL} ; skos:editorialNote ?n . FILTER(CONTAINS(?n, "First official measures")) '
     f'FILTER NOT EXISTS {{ @standard/gb-45438-2025 aig:supports {GENAI} }} }}'),
    ("Structure of Standard System for Internet of Vehicles",
     'ASK { @committee/sac-tc114-sc34-wg-ai-for-vehicles rdfs:comment ?c . FILTER(CONTAINS(?c, "Structure of Standard System for Internet of Vehicles")) }'),
    ("the 2022 Provisions focus mainly on ensuring that synthetic content is appropriately marked and recorded as required",
     (DEEP, "aig:focus", '"the 2022 Provisions focus mainly on ensuring that synthetic content is appropriately marked and recorded as required"@en')),
    ("Common grounds: provisions for content generated via AI or related technology",
     f'ASK {{ {GENAI} rdfs:comment ?c . FILTER(CONTAINS(?c, "Common grounds with the 2022 Deep Synthesis Provisions: provisions for content generated via AI or related technology")) }}'),
    ("- Address emerging standardization needs,", (GUIDE24, "aig:focus", '"Address emerging standardization needs"@en')),
    ("push for economic transition and seize first-mover advantage of developing AI industry",
     (GUIDE24, "aig:focus", '"push for economic transition and seize first-mover advantage of developing AI industry"@en')),
    ("characterized by **human-machine collaboration**, **cross-domain integration**, and **cocreation and sharing**",
     (AIPLUS, "aig:focus", '"intelligent economy and society characterized by human-machine collaboration, cross-domain integration, and cocreation and sharing"@en')),
    ("Launch the global artificial intelligence cooperation network **AllA Global-Link**",
     f'ASK {{ {AIIA} rdfs:comment ?c . FILTER(CONTAINS(?c, "AIIA Global-Link")) }}'),
    ('Conduct research on industry trends for the "15th Five-Year Plan"',
     f'ASK {{ {AIIA} rdfs:comment ?c . FILTER(CONTAINS(?c, "15th Five-Year Plan")) }}'),
    ("WE WILL START AT 10:00 AM (CET)",
     'ASK { @source/sesec-webinar-2025 rdfs:comment "The webinar started at 10:00 AM (CET)."@en }'),
    ("Al standards development in China is fast. The country is entering the phase of pursuing Al-empowered industrial and societal transiton",
     'ASK { @section/summary-2025 rdfs:comment ?c . FILTER(CONTAINS(?c, "AI standards development in China is fast")) }'),
    ("China reacted quickly to widespread usage and commercialization of Generative AI",
     'ASK { @section/summary-2025 rdfs:comment ?c . FILTER(CONTAINS(?c, "China reacted quickly to widespread usage and commercialization of Generative AI")) }'),
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in sorted((ROOT / "ontology").rglob("*.ttl")):
        g.parse(path, format="turtle")
    for path in sorted((ROOT / "data").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def deck_text() -> str | None:
    path = _seed_path()
    return _norm(path.read_text(encoding="utf-8")) if path else None


def test_the_table_is_large_enough():
    assert len(FACTS) >= 110, len(FACTS)
    assert all(isinstance(q, str) and q.strip() for q, _ in FACTS)


@pytest.mark.parametrize("quote,check", FACTS, ids=[f"{i:03d}-{q[:40]}" for i, (q, _) in enumerate(FACTS)])
def test_deck_fact(graph: Graph, deck_text: str | None, quote: str, check):
    if deck_text is not None:
        assert _norm(quote) in deck_text, f"quote not found in the deck: {quote!r}"
    query = _ask(check)
    result = graph.query(query)
    assert result.askAnswer is True, f"the graph does not state: {quote!r}\n{query}"


@pytest.mark.parametrize("heading, as_written", [
    # A section's label is its heading with the OCR slips corrected; the deck's text is its altLabel.
    ("China AI Standardization 2025 - SAC/TC260 Cybersecurity", "China Al Standardization 2025 - SAC/TC260 Cybersecurity"),
    ("China AI Standardization - MIIT TC01", "China Al Standardization - MIIT TC01"),
    ("China AI Standardization - AIIA (Artificial Intelligence Industry Alliance)",
     "China Al Standardization - Alla (Artifical Intelligence Industry Alliance)"),
])
def test_section_labels_are_corrected_deck_headings(graph: Graph, deck_text: str | None, heading: str, as_written: str):
    if deck_text is not None:
        assert as_written in deck_text
    query = PREFIXES + (f'ASK {{ ?s a aig:DeckSection ; rdfs:label "{heading}"@en ; skos:altLabel "{as_written}"@en ; '
                        f'dcterms:isPartOf <{AIGD}source/sesec-webinar-2025> }}')
    assert graph.query(query).askAnswer is True


def test_a_section_heading_already_right_in_the_deck_is_its_label(graph: Graph, deck_text: str | None):
    heading = "China AI Standardization - sac/tc28/sc42"
    if deck_text is not None:
        assert heading in deck_text
    query = PREFIXES + f'ASK {{ ?s a aig:DeckSection ; rdfs:label "{heading}"@en FILTER NOT EXISTS {{ ?s skos:altLabel ?a }} }}'
    assert graph.query(query).askAnswer is True


def test_every_section_heading_occurs_in_the_deck_and_no_label_keeps_the_ocr_slip(graph: Graph, deck_text: str | None):
    if deck_text is None:
        _no_deck()
    query = PREFIXES + ("SELECT ?label ?written WHERE { ?s a aig:DeckSection ; rdfs:label ?label "
                        "OPTIONAL { ?s skos:altLabel ?alt } BIND(COALESCE(?alt, ?label) AS ?written) }")
    found = [(str(row.label), str(row.written)) for row in graph.query(query)]
    assert len(found) >= 25
    missing = [written for _, written in found if _norm(written) not in deck_text]
    assert missing == [], missing
    slips = [label for label, _ in found if re.search(r"\bAl\b", label)]
    assert slips == [], slips


def test_standard_identifiers_occur_in_the_deck(graph: Graph, deck_text: str | None):
    if deck_text is None:
        _no_deck()
    query = PREFIXES + "SELECT ?id WHERE { ?s rdf:type/rdfs:subClassOf* aig:Standard ; dcterms:identifier ?id }"
    ids = [str(row.id) for row in graph.query(query)]
    assert len(ids) >= 40
    missing = [i for i in ids if i not in deck_text]
    assert missing == [], missing
