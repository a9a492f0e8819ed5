"""A synthetic catalog in the project's own vocabulary, of any size, for the benchmarks.

Authorities; technical committees with subcommittees and working groups under them
(org:subOrganizationOf, three levels); instruments issued by the authorities; and national
standards (about nine triples each) developed by the committees in support of the instruments.
The same size and seed always give the same N-Triples file. Load it with `aigraph --data FILE`.

    python benchmarks/generate.py 100000 -o catalog-100k.nt
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

AIG = "https://w3id.org/aigraph/ontology#"
ID = "https://w3id.org/aigraph/id/"
SYN = ID + "synthetic/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
SUB_ORG = "http://www.w3.org/ns/org#subOrganizationOf"
DATE = "http://www.w3.org/2001/XMLSchema#date"
INSTRUMENT_KINDS = ("DepartmentalRule", "Law", "Guideline", "Opinion")
TOPICS = ("machine learning", "large language models", "computer vision", "speech recognition",
          "knowledge graphs", "autonomous driving", "smart manufacturing", "medical imaging",
          "recommendation algorithms", "synthetic content", "data annotation", "edge computing")
ASPECTS = ("terminology", "reference architecture", "security requirements", "test methods",
           "quality evaluation", "data labelling", "risk management", "trustworthiness",
           "performance benchmarks", "interoperability")

# entity -> (IRI, a name `aigraph query -p` resolves), for the benchmark's stored queries
SAMPLES = {
    "authority": (SYN + "authority/1", "Synthetic Authority 1"),
    "committee": (SYN + "committee/tc1", "SYN/TC1"),
    "instrument": (SYN + "instrument/1", "Synthetic Measures No. 1 on Artificial Intelligence"),
}


def _iri(value: str) -> str:
    return f"<{value}>"


def _text(value: str, lang: str | None = None) -> str:
    return f'"{value}"' + (f"@{lang}" if lang else "")


class Catalog:
    """Collects N-Triples lines, counting them."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"<{subject}> <{predicate}> {obj} .\n")

    def entity(self, iri: str, cls: str, label: str, section: str, *facts: tuple[str, str]) -> None:
        """An entity with its type, English label, source section and further (predicate, term) facts."""
        self.add(iri, RDF_TYPE, _iri(AIG + cls))
        self.add(iri, LABEL, _text(label, "en"))
        for predicate, obj in facts:
            self.add(iri, predicate, obj)
        self.add(iri, DCT + "source", _iri(section))


def generate(triples: int, seed: int = 7) -> list[str]:
    """N-Triples lines for a catalog of about `triples` triples."""
    rng = random.Random(seed)
    out = Catalog()
    source = SYN + "source"
    out.add(source, RDF_TYPE, _iri(AIG + "SourceDocument"))
    out.add(source, LABEL, _text("Synthetic benchmark catalog", "en"))
    sections = [SYN + f"section/{n}" for n in range(1, max(4, triples // 120) + 1)]  # ~15 entities each
    for n, section in enumerate(sections, 1):
        out.add(section, RDF_TYPE, _iri(AIG + "DeckSection"))
        out.add(section, LABEL, _text(f"Synthetic section {n}", "en"))
        out.add(section, DCT + "isPartOf", _iri(source))
    out.add(source, DCT + "source", _iri(sections[0]))

    authorities = [SYN + f"authority/{n}" for n in range(1, max(3, triples // 20000) + 1)]
    for n, authority in enumerate(authorities, 1):
        out.entity(authority, "Authority", f"Synthetic Authority {n}", rng.choice(sections),
                   (AIG + "acronym", _text(f"SA{n}")))

    bodies = []
    for t in range(1, max(2, triples // 4000) + 1):
        tc = SYN + f"committee/tc{t}"
        out.entity(tc, "TechnicalCommittee", f"SYN/TC{t} Artificial Intelligence", rng.choice(sections),
                   (AIG + "acronym", _text(f"SYN/TC{t}")), (SUB_ORG, _iri(rng.choice(authorities))))
        bodies.append(tc)
        for s in (1, 2):
            sc = f"{tc}-sc{s}"
            out.entity(sc, "Subcommittee", f"SYN/TC{t}/SC{s}", rng.choice(sections),
                       (AIG + "acronym", _text(f"SYN/TC{t}/SC{s}")), (SUB_ORG, _iri(tc)))
            bodies.append(sc)
            for w in (1, 2):
                wg = f"{sc}-wg{w}"
                out.entity(wg, "WorkingGroup", f"SYN/TC{t}/SC{s}/WG{w}", rng.choice(sections),
                           (AIG + "acronym", _text(f"SYN/TC{t}/SC{s}/WG{w}")), (SUB_ORG, _iri(sc)))
                bodies.append(wg)

    instruments = []
    for n in range(1, max(5, triples // 200) + 1):
        iri = SYN + f"instrument/{n}"
        title = f"Synthetic Measures No. {n} on Artificial Intelligence"
        out.entity(iri, rng.choice(INSTRUMENT_KINDS), title, rng.choice(sections),
                   (DCT + "title", _text(title, "en")), (AIG + "issuedBy", _iri(rng.choice(authorities))),
                   (AIG + "releaseDate", _date(rng)))
        instruments.append(iri)

    number = 10000
    while len(out.lines) + 10 <= triples:
        number += rng.randint(1, 3)
        year = rng.randint(2015, 2026)
        mandatory = rng.random() < 0.2
        identifier = f"GB {number}-{year}" if mandatory else f"GB/T {number}-{year}"
        title = (f"Artificial intelligence - {rng.choice(TOPICS).capitalize()} - "
                 f"Part {rng.randint(1, 9)}: {rng.choice(ASPECTS)}")
        out.entity(SYN + f"standard/gb-{number}-{year}",
                   "MandatoryNationalStandard" if mandatory else "RecommendedNationalStandard",
                   f"{identifier} {title}", rng.choice(sections),
                   (DCT + "identifier", _text(identifier)), (DCT + "title", _text(title, "en")),
                   (AIG + "effectiveDate", _date(rng, year)),
                   (AIG + "status", _iri(ID + "status/published")),
                   (AIG + "developedBy", _iri(rng.choice(bodies))),
                   (AIG + "supports", _iri(rng.choice(instruments))))
    return out.lines


def _date(rng: random.Random, year: int | None = None) -> str:
    year = year or rng.randint(2015, 2026)
    return f'"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^<{DATE}>'


def write(triples: int, path: Path, seed: int = 7) -> Path:
    """Write the catalog of about `triples` triples to `path` (N-Triples)."""
    path.write_text("".join(generate(triples, seed)), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, help="about how many triples (e.g. 10000, 100000, 1000000)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .nt file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.triples, args.output, args.seed)
    print(f"{args.output}: {sum(1 for _ in args.output.open(encoding='utf-8'))} triples")


if __name__ == "__main__":
    main()
