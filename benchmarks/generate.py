"""A deterministic corpus of templates in Meta's shape, for the benchmarks.

The same seed and count always give the same bytes. About one template in ten carries a problem that
walint reports (a bad name, a malformed or missing placeholder, an over-long footer or button, an
unknown category, a duplicate name), so the benchmarks time the reporting path too, not only clean input.

    python benchmarks/generate.py --count 10000 --format yaml --out benchmarks/corpus/10k.yaml
    python benchmarks/generate.py --count 10000 --files 100 --out benchmarks/corpus/many/
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

LANGUAGES = ("en_US", "es_MX", "pt_BR", "fr", "de", "id", "it", "hi")
CATEGORIES = ("MARKETING", "UTILITY", "UTILITY", "MARKETING", "AUTHENTICATION")
GREETINGS = {
    "en_US": ("Hi", "Hello", "Dear"),
    "es_MX": ("Hola", "Estimado", "Buen día"),
    "pt_BR": ("Olá", "Oi", "Prezado"),
    "fr": ("Bonjour", "Salut", "Cher client"),
    "de": ("Hallo", "Guten Tag", "Liebe Kundin"),
    "id": ("Halo", "Hai", "Selamat pagi"),
    "it": ("Ciao", "Buongiorno", "Gentile cliente"),
    "hi": ("नमस्ते", "प्रिय ग्राहक", "नमस्कार"),
}
SENTENCES = {
    "en_US": (
        "your order {p} has shipped and will arrive on {p}",
        "thank you for shopping with us, your receipt is ready",
        "we saved the items in your cart for the next few days",
        "your appointment is confirmed for {p} at our downtown clinic",
        "reply to this message if you need to change anything",
        "our *summer sale* ends this weekend, don't miss the best prices",
        "track your parcel at https://shop.example.com/track",
        "your payment of {p} was received 🎉",
    ),
    "es_MX": (
        "su pedido {p} fue enviado y llegará el {p}",
        "gracias por comprar con nosotros, su recibo está listo",
        "le recordamos su cita del {p} en nuestra clínica",
        "responda a este mensaje si necesita cambiar algo",
        "la _venta de verano_ termina este fin de semana",
    ),
    "pt_BR": (
        "seu pedido {p} foi enviado e chega em {p}",
        "obrigado por comprar conosco, seu recibo está pronto",
        "sua consulta está confirmada para {p}",
        "confira as ofertas em www.loja.example.com.br 🛍️",
    ),
    "fr": (
        "votre commande {p} est partie et arrivera le {p}",
        "merci pour votre achat, votre reçu est disponible",
        "votre rendez-vous est confirmé pour le {p}",
        "les *soldes d'été* se terminent ce week-end",
    ),
    "de": (
        "Ihre Bestellung {p} wurde versandt und kommt am {p}",
        "vielen Dank für Ihren Einkauf, Ihre Quittung ist bereit",
        "Ihr Termin am {p} ist bestätigt",
        "der ~alte Preis~ gilt nicht mehr, jetzt nur noch {p}",
    ),
    "id": (
        "pesanan {p} Anda telah dikirim dan tiba pada {p}",
        "terima kasih telah berbelanja, struk Anda sudah siap",
        "janji temu Anda dikonfirmasi untuk {p}",
    ),
    "it": (
        "il tuo ordine {p} è stato spedito e arriverà il {p}",
        "grazie per il tuo acquisto, la ricevuta è pronta",
        "il tuo appuntamento è confermato per il {p}",
    ),
    "hi": (
        "आपका ऑर्डर {p} भेज दिया गया है और {p} को पहुंचेगा",
        "खरीदारी के लिए धन्यवाद, आपकी रसीद तैयार है",
        "आपकी अपॉइंटमेंट {p} के लिए पक्की है",
    ),
}
FOOTERS = ("Reply STOP to unsubscribe", "Not interested? Tap Stop promotions", "Example Shop Inc.", "Questions? Call us any time", "")
QUICK_REPLIES = ("Yes", "No", "Stop promotions", "Talk to an agent", "Reschedule", "Confirm")
URL_TEXTS = ("Track order", "Shop now", "View receipt", "Open app")
EXAMPLE_VALUES = ("Ana", "Pablo", "#A1234", "12/06", "10:30", "$25.00", "Lucía", "3 items")

# each problem is one that a rule reports
PROBLEMS = ("name", "single_braces", "gap", "spaces", "category", "footer_long", "button_long", "edge", "duplicate", "language")


def make_template(rng: random.Random, index: int, problem: str | None) -> dict[str, Any]:
    language = LANGUAGES[index % len(LANGUAGES)]
    name = f"{rng.choice(('order', 'cart', 'promo', 'receipt', 'reminder', 'welcome'))}_{index:06d}"
    category = rng.choice(CATEGORIES)
    if category == "AUTHENTICATION":
        return _authentication(name, language, problem)
    parts = [f"{rng.choice(GREETINGS[language])} {{{{1}}}},"]
    placeholders = 1
    for _ in range(rng.randint(2, 4)):
        sentence = rng.choice(SENTENCES[language])
        while "{p}" in sentence:
            placeholders += 1
            sentence = sentence.replace("{p}", f"{{{{{placeholders}}}}}", 1)
        parts.append(sentence + ".")
    parts.append(f"Ref {index}.")
    body = " ".join(parts)
    if rng.random() < 0.3:
        body = body.replace(". ", ".\n\n", 1)
    components: list[dict[str, Any]] = []
    if rng.random() < 0.5:
        components.append({"type": "HEADER", "format": "TEXT", "text": rng.choice(("Order update", "Your receipt", "Don't miss out", "Reminder 📅"))})
    elif rng.random() < 0.3:
        components.append({"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}})
    examples = [rng.choice(EXAMPLE_VALUES) for _ in range(placeholders)]
    components.append({"type": "BODY", "text": body, "example": {"body_text": [examples]}})
    footer = rng.choice(FOOTERS)
    if footer:
        components.append({"type": "FOOTER", "text": footer})
    buttons = _buttons(rng, index)
    if buttons:
        components.append({"type": "BUTTONS", "buttons": buttons})
    template = {"name": name, "language": language, "category": category, "components": components}
    if problem is not None:
        _spoil(template, problem, index)
    return template


def _authentication(name: str, language: str, problem: str | None) -> dict[str, Any]:
    template = {
        "name": name,
        "language": language,
        "category": "AUTHENTICATION",
        "message_send_ttl_seconds": 300,
        "components": [
            {"type": "BODY", "add_security_recommendation": True},
            {"type": "FOOTER", "code_expiration_minutes": 10},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]},
        ],
    }
    if problem in ("name", "category", "language", "duplicate"):
        _spoil(template, problem, 0)
    return template


def _buttons(rng: random.Random, index: int) -> list[dict[str, Any]]:
    choice = rng.random()
    if choice < 0.35:
        return [{"type": "QUICK_REPLY", "text": text} for text in rng.sample(QUICK_REPLIES, rng.randint(1, 3))]
    if choice < 0.65:
        url = {"type": "URL", "text": rng.choice(URL_TEXTS), "url": "https://shop.example.com/o/{{1}}", "example": [f"https://shop.example.com/o/A{index}"]}
        return [url, {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+15550100"}][: rng.randint(1, 2)]
    return []


def _spoil(template: dict[str, Any], problem: str, index: int) -> None:
    body = next((c for c in template["components"] if c["type"] == "BODY" and "text" in c), None)
    if problem == "name":
        template["name"] = template["name"].replace("_", "-").title()
    elif problem == "category":
        template["category"] = "TRANSACTIONAL"
    elif problem == "language":
        template["language"] = "english"
    elif problem == "duplicate":
        template["name"] = f"promo_{index - index % 7:06d}"  # some land on the same name and language
    elif body is None:
        template["name"] = template["name"].upper()
    elif problem == "single_braces":
        body["text"] = body["text"].replace("{{1}}", "{1}", 1)
    elif problem == "gap":
        body["text"] = body["text"].replace("Ref", "Ref {{9}}", 1)
    elif problem == "spaces":
        body["text"] = body["text"].replace("{{1}}", "{{ 1 }}", 1)
    elif problem == "edge":
        body["text"] = body["text"] + " {{1}}"
    elif problem == "footer_long":
        template["components"].append({"type": "FOOTER", "text": "This footer is much longer than the sixty characters Meta allows here"})
    elif problem == "button_long":
        template["components"].append({"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Tell me more about this offer please"}]})


def make_templates(count: int, seed: int = 6) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    templates = []
    for index in range(count):
        problem = rng.choice(PROBLEMS) if rng.random() < 0.1 else None
        templates.append(make_template(rng, index, problem))
    return templates


def dump(templates: list[dict[str, Any]], kind: str) -> str:
    if kind == "json":
        return json.dumps(templates, indent=2, ensure_ascii=False) + "\n"
    return yaml.dump(templates, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)


def write_corpus(out: Path, count: int, kind: str = "yaml", files: int = 1, seed: int = 6) -> list[Path]:
    """One file at `out`, or `files` files in the folder `out` (templates dealt out in order)."""
    templates = make_templates(count, seed)
    if files == 1:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(dump(templates, kind), encoding="utf-8")
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    per_file = -(-count // files)
    paths = []
    for number in range(files):
        path = out / f"templates_{number:04d}.{kind}"
        path.write_text(dump(templates[number * per_file : (number + 1) * per_file], kind), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of templates")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.add_argument("--files", type=int, default=1, help="1: one file at --out; more: that many files in the folder --out")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.format, args.files, args.seed)
    print(f"{args.count} templates in {len(paths)} file(s) under {args.out}")


if __name__ == "__main__":
    main()
