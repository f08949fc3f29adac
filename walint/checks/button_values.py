"""The values inside buttons: phone numbers, codes, OTP apps, flows, variables in labels.

These read the model (the values have the right types there, or the model has reported them). The
length and character checks are data: the pack names the button types, the field and the limit.
"""

import dataclasses
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from walint.checks import Finding, Options, check
from walint.checks.buttons import ButtonType
from walint.model import BUTTON_CLASSES, FlowButton, OtpButton
from walint.unit import TemplateUnit
from walint.validation import MinLen, NonNegativeInt, PositiveInt

# the fields of each button type, as the model knows them: a pack naming another field is a mistake
BUTTON_FIELDS = {kind: {f.name for f in dataclasses.fields(cls)} - {"path", "type"} for kind, cls in BUTTON_CLASSES.items()}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class _ButtonFieldOptions(Options):
    """Options shared by the checks that read one field of some button types."""
    types: Annotated[list[ButtonType], MinLen(1)]
    field: str

    def __post_init__(self) -> None:
        for button_type in self.types:
            if self.field not in BUTTON_FIELDS[button_type]:
                raise ValueError(f"{button_type} buttons have no field `{self.field}`")


def _string_values(unit: TemplateUnit, options: _ButtonFieldOptions):
    """(path, value) of the field in every button of the types, where it is a string."""
    for button in unit.all_buttons():
        value = getattr(button, options.field, None) if button.type in options.types else None
        if isinstance(value, str):
            yield button.path + (options.field,), value


def _counting(unit: TemplateUnit) -> str:
    return "UTF-16 units" if unit.settings.character_counting == "utf-16" else "characters"


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ButtonFieldLengthOptions(_ButtonFieldOptions):
    """Options of the `button_field_length` check."""
    max: PositiveInt


@check("button_field_length", options=ButtonFieldLengthOptions)
def button_field_length(unit, options: ButtonFieldLengthOptions):
    """Point at the part beyond the limit, counted as the configuration says."""
    for path, value in _string_values(unit, options):
        length = unit.count(value)
        if length > options.max:
            yield Finding(path, unit.index_at_count(value, options.max), len(value), {"length": length, "max": options.max, "unit": _counting(unit)})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ButtonCharsetOptions(_ButtonFieldOptions):
    """Options of the `button_charset` check."""
    # the inside of a regex character class: "0-9"
    allowed: str
    # characters allowed as the first character only: "+" for a phone number
    leading: str = ""


@check("button_charset", options=ButtonCharsetOptions)
def button_charset(unit, options: ButtonCharsetOptions):
    """Report the first run of characters outside the allowed set (or an empty value)."""
    disallowed = re.compile(f"[^{options.allowed}]+")
    for path, value in _string_values(unit, options):
        skip = 1 if value[:1] and value[0] in options.leading else 0
        if len(value) == skip:
            yield Finding(path, 0, len(value), {"problem": "is empty", "value": value})
            continue
        first = disallowed.search(value, skip)
        if first is not None:
            chars = dict.fromkeys("".join(disallowed.findall(value, skip)))
            yield Finding(path, first.start(), first.end(), {"problem": f"has {', '.join(_show(c) for c in chars)}", "value": value})


def _show(char: str) -> str:
    return {" ": "a space", "\t": "a tab", "\n": "a line break"}.get(char, f"`{char}`")


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ButtonChoiceOptions(_ButtonFieldOptions):
    """Options of the `button_choice` check."""
    allowed: Annotated[list[str], MinLen(1)]


@check("button_choice", options=ButtonChoiceOptions)
def button_choice(unit, options: ButtonChoiceOptions):
    for path, value in _string_values(unit, options):
        if value not in options.allowed:
            yield Finding(path, 0, len(value), {"value": value, "allowed": " or ".join(options.allowed)})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class ButtonPlaceholdersOptions(Options):
    """Options of the `button_placeholders` check."""
    types: Annotated[list[ButtonType], MinLen(1)]
    field: Literal["text", "url"]
    max: NonNegativeInt


@check("button_placeholders", options=ButtonPlaceholdersOptions)
def button_placeholders(unit, options: ButtonPlaceholdersOptions):
    """Point at the first variable past the limit."""
    kind = "button_text" if options.field == "text" else "button_url"
    parsed = {text_field.path: text_field.parsed for text_field in unit.fields_of(kind)}
    for button in unit.all_buttons():
        text = parsed.get(button.path + (options.field,)) if button.type in options.types else None
        placeholders = text.placeholders() if text is not None else []
        if len(placeholders) > options.max:
            extra = placeholders[options.max]
            yield Finding(button.path + (options.field,), extra.span.start, extra.span.end, {"text": extra.text, "count": len(placeholders), "max": options.max, "type": button.type})


FLOW_TARGETS = ("flow_id", "flow_name", "flow_json")


@check("flow_target")
def flow_target(unit, options):
    """A FLOW button names its flow once: by id, by name, or inline as JSON."""
    for button in unit.all_buttons():
        if not isinstance(button, FlowButton):
            continue
        given = [name for name in FLOW_TARGETS if getattr(button, name) is not None]
        if not given:
            yield Finding(button.path + ("type",), 0, len(button.type), {"found": "none"})
        elif len(given) > 1:
            yield Finding(button.path + (given[1],), args={"found": " and ".join(given)})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class SupportedAppsOptions(Options):
    """Options of the `otp_supported_apps_required` check."""
    # the OTP types that need the apps to hand the code to
    required_for: Annotated[list[Literal["COPY_CODE", "ONE_TAP", "ZERO_TAP"]], MinLen(1)]


@check("otp_supported_apps_required", options=SupportedAppsOptions)
def otp_supported_apps_required(unit, options: SupportedAppsOptions):
    """The older form names one app on the button itself (`package_name` and `signature_hash`);
    Meta still takes it, so it counts too."""
    for button in _otp_buttons(unit):
        legacy = button.package_name is not None and button.signature_hash is not None
        if button.otp_type in options.required_for and not button.supported_apps and not legacy:
            yield Finding(button.path + ("otp_type",), 0, len(button.otp_type), {"otp_type": button.otp_type})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class MaxAppsOptions(Options):
    """Options of the `otp_max_supported_apps` check."""
    max: PositiveInt


@check("otp_max_supported_apps", options=MaxAppsOptions)
def otp_max_supported_apps(unit, options: MaxAppsOptions):
    for button in _otp_buttons(unit):
        apps = button.supported_apps or []
        if len(apps) > options.max:
            yield Finding(button.path + ("supported_apps", options.max), args={"count": len(apps), "max": options.max})


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class AppFieldLengthOptions(Options):
    """Options of the `otp_app_field_length` check."""
    field: Literal["package_name", "signature_hash"]
    min: NonNegativeInt = 0
    max: PositiveInt

    @property
    def expected(self) -> str:
        if self.min == self.max:
            return f"exactly {self.max:,}"
        return f"at most {self.max:,}" if self.min == 0 else f"{self.min:,} to {self.max:,}"


@check("otp_app_field_length", options=AppFieldLengthOptions)
def otp_app_field_length(unit, options: AppFieldLengthOptions):
    """Each supported app's field, and the button's own (the older one-app form). Too long: from the
    first character past the limit; too short: the whole value."""
    for path, value in _app_values(unit, options.field):
        length = unit.count(value)
        args = {"field": options.field, "length": length, "expected": options.expected, "unit": _counting(unit)}
        if length > options.max:
            yield Finding(path, unit.index_at_count(value, options.max), len(value), args)
        elif length < options.min:
            yield Finding(path, 0, len(value), args)


def _app_values(unit: TemplateUnit, field: str):
    for button in _otp_buttons(unit):
        if getattr(button, field) is not None:
            yield button.path + (field,), getattr(button, field)
        for index, app in enumerate(button.supported_apps or []):
            yield button.path + ("supported_apps", index, field), getattr(app, field)


@check("zero_tap_terms")
def zero_tap_terms(unit, options):
    """Zero-tap delivers the code without the user doing anything; Meta wants the business to accept
    its terms for that, in the template itself."""
    for button in _otp_buttons(unit):
        if button.otp_type != "ZERO_TAP" or button.zero_tap_terms_accepted is True:
            continue
        if button.zero_tap_terms_accepted is False:
            yield Finding(button.path + ("zero_tap_terms_accepted",), args={"actual": "it is false"})
        else:
            yield Finding(button.path + ("otp_type",), 0, len(button.otp_type), {"actual": "it is missing"})


def _otp_buttons(unit: TemplateUnit) -> list[Any]:
    return [button for button in unit.all_buttons() if isinstance(button, OtpButton)]
