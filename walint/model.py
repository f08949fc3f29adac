"""The model of a template in Meta's Graph API shape, built leniently: stdlib dataclasses.

Meta's API rejects a whole template for one bad field; a linter should not. Each component and each
button is validated on its own (walint.validation, with pydantic's semantics), and a value that does
not fit is reported and pruned, so the rest of the template is still checked. Every component and
button remembers its path in the raw data, which is how a rule's finding finds its way back to the file.
"""

import copy
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar, Union

from walint import validation
from walint.records import FrozenRecord, Record
from walint.validation import Before, Strict

Path = tuple[Any, ...]

# Strict, as in the Graph API's JSON: `true` is not a number and "5" is not an int. (A strict pydantic
# configuration would also refuse a mapping where a dataclass is expected: strictness goes on each type.
# A Literal needs none: pydantic's literal schema has no lax mode for the values YAML and JSON give.)
Text = Annotated[str, Strict()]
Whole = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]
_Item = TypeVar("_Item")
Items = Annotated[list[_Item], Strict()]


def _number_as_text(value: Any) -> Any:
    """Example values are strings in the API; a YAML author writing `- 25` means the text "25"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


ExampleValue = Annotated[str, Strict(), Before(_number_as_text)]


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class _Model(Record):
    """Base of the template model: keys it does not know are ignored (the API's own answers carry id,
    status, quality_score ...)."""
    __pydantic_config__ = {"extra": "ignore"}


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class _Located(_Model):
    """A node that knows where it sits in the template's raw data."""

    path: Annotated[Path, Strict()] = field(default=(), repr=False)


@dataclass(kw_only=True, eq=False, repr=False)
class NamedParam(_Model):
    """An example value for a named parameter (`{{first_name}}`)."""
    param_name: Text
    example: ExampleValue


@dataclass(kw_only=True, eq=False, repr=False)
class HeaderExample(_Model):
    """A header's examples: values for its variable, or a media handle."""
    header_text: Items[ExampleValue] | None = None
    header_text_named_params: Items[NamedParam] | None = None
    header_handle: Items[Text] | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class BodyExample(_Model):
    """A body's examples: one list of values for the positional variables, or named ones."""
    body_text: Items[Items[ExampleValue]] | None = None
    body_text_named_params: Items[NamedParam] | None = None


HEADER_FORMATS = ("TEXT", "IMAGE", "VIDEO", "GIF", "DOCUMENT", "LOCATION", "PRODUCT")


@dataclass(kw_only=True, eq=False, repr=False)
class Header(_Located):
    """A HEADER component: a text or a media format."""
    type: Literal["HEADER"]
    format: Literal["TEXT", "IMAGE", "VIDEO", "GIF", "DOCUMENT", "LOCATION", "PRODUCT"]
    text: Text | None = None
    example: HeaderExample | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Body(_Located):
    """A BODY component."""
    type: Literal["BODY"]
    text: Text | None = None
    example: BodyExample | None = None
    add_security_recommendation: Flag | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Footer(_Located):
    """A FOOTER component."""
    type: Literal["FOOTER"]
    text: Text | None = None
    code_expiration_minutes: Whole | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class SupportedApp(_Model):
    """An Android app a one-tap or zero-tap OTP button hands the code to."""
    package_name: Text
    signature_hash: Text


@dataclass(kw_only=True, init=False, eq=False, repr=False)
class _Button(_Located):
    """Base of the button types: a located node with an optional label."""
    text: Text | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class QuickReplyButton(_Button):
    """A QUICK_REPLY button."""
    type: Literal["QUICK_REPLY"]


@dataclass(kw_only=True, eq=False, repr=False)
class UrlButton(_Button):
    """A URL button; its example completes a variable at the end of the URL."""
    type: Literal["URL"]
    url: Text
    example: Items[ExampleValue] | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class PhoneNumberButton(_Button):
    """A PHONE_NUMBER button."""
    type: Literal["PHONE_NUMBER"]
    phone_number: Text


@dataclass(kw_only=True, eq=False, repr=False)
class VoiceCallButton(_Button):
    """A VOICE_CALL button."""
    type: Literal["VOICE_CALL"]
    ttl_minutes: Whole | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class CopyCodeButton(_Button):
    """A COPY_CODE button (a coupon code)."""
    type: Literal["COPY_CODE"]
    example: ExampleValue | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class OtpButton(_Button):
    """An OTP button of an AUTHENTICATION template."""
    type: Literal["OTP"]
    otp_type: Literal["COPY_CODE", "ONE_TAP", "ZERO_TAP"]
    autofill_text: Text | None = None
    package_name: Text | None = None
    signature_hash: Text | None = None
    supported_apps: Items[SupportedApp] | None = None
    zero_tap_terms_accepted: Flag | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class FlowButton(_Button):
    """A FLOW button, opening a WhatsApp Flow."""
    type: Literal["FLOW"]
    flow_id: Text | Whole | None = None
    flow_name: Text | None = None
    flow_json: Text | None = None
    flow_action: Text | None = None
    navigate_screen: Text | None = None
    icon: Text | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class CatalogButton(_Button):
    """A CATALOG button."""
    type: Literal["CATALOG"]


@dataclass(kw_only=True, eq=False, repr=False)
class MultiProductButton(_Button):
    """An MPM (multi-product message) button."""
    type: Literal["MPM"]


@dataclass(kw_only=True, eq=False, repr=False)
class SingleProductButton(_Button):
    """An SPM (single-product message) button."""
    type: Literal["SPM"]


# the class of each button `type`: the builder picks one by `type` before validating
BUTTON_CLASSES = {
    "QUICK_REPLY": QuickReplyButton,
    "URL": UrlButton,
    "PHONE_NUMBER": PhoneNumberButton,
    "VOICE_CALL": VoiceCallButton,
    "COPY_CODE": CopyCodeButton,
    "OTP": OtpButton,
    "FLOW": FlowButton,
    "CATALOG": CatalogButton,
    "MPM": MultiProductButton,
    "SPM": SingleProductButton,
}
Button = Union[tuple(BUTTON_CLASSES.values())]  # type: ignore[valid-type]
BUTTON_TYPES = tuple(BUTTON_CLASSES)


@dataclass(kw_only=True, eq=False, repr=False)
class Buttons(_Located):
    """A BUTTONS component."""
    type: Literal["BUTTONS"]
    # filled button by button by the builder, so that one bad button does not hide the others
    buttons: Items[Button] = field(default_factory=list)


# the components a carousel card may hold
CARD_COMPONENT_CLASSES = {"HEADER": Header, "BODY": Body, "BUTTONS": Buttons}
CardComponent = Union[tuple(CARD_COMPONENT_CLASSES.values())]  # type: ignore[valid-type]
CARD_COMPONENT_TYPES = tuple(CARD_COMPONENT_CLASSES)


@dataclass(kw_only=True, eq=False, repr=False)
class Card(_Located):
    """One card of a carousel."""
    components: Items[CardComponent] = field(default_factory=list)


@dataclass(kw_only=True, eq=False, repr=False)
class Carousel(_Located):
    """A CAROUSEL component."""
    type: Literal["CAROUSEL"]
    cards: Items[Card] = field(default_factory=list)


@dataclass(kw_only=True, eq=False, repr=False)
class LimitedTimeOffer(_Model):
    """The offer text of a limited-time offer."""
    text: Text
    has_expiration: Flag | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class LimitedTimeOfferComponent(_Located):
    """A LIMITED_TIME_OFFER component."""
    type: Literal["LIMITED_TIME_OFFER"]
    limited_time_offer: LimitedTimeOffer


# the class of each component `type`, at the top of a template and inside a carousel card
COMPONENT_CLASSES = {
    "HEADER": Header,
    "BODY": Body,
    "FOOTER": Footer,
    "BUTTONS": Buttons,
    "CAROUSEL": Carousel,
    "LIMITED_TIME_OFFER": LimitedTimeOfferComponent,
}
Component = Union[tuple(COMPONENT_CLASSES.values())]  # type: ignore[valid-type]
COMPONENT_TYPES = tuple(COMPONENT_CLASSES)


@dataclass(kw_only=True, eq=False, repr=False)
class Template(_Model):
    """A template as Meta's Graph API takes it; components are built one by one."""
    name: Text | None = None
    language: Text | None = None
    category: Text | None = None
    parameter_format: Literal["POSITIONAL", "NAMED"] | None = None
    message_send_ttl_seconds: Whole | None = None
    allow_category_change: Flag | None = None
    # filled component by component by the builder
    components: Items[Component] = field(default_factory=list)

    def first(self, kind: type) -> Any:
        return next((c for c in self.components if isinstance(c, kind)), None)

    @property
    def body(self) -> Body | None:
        return self.first(Body)

    @property
    def header(self) -> Header | None:
        return self.first(Header)

    @property
    def footer(self) -> Footer | None:
        return self.first(Footer)

    def all_buttons(self) -> list[Any]:
        """Every button of the template, those inside carousel cards included."""
        found = []
        for component in self.components:
            if isinstance(component, Buttons):
                found.extend(component.buttons)
            elif isinstance(component, Carousel):
                for card in component.cards:
                    for card_component in card.components:
                        if isinstance(card_component, Buttons):
                            found.extend(card_component.buttons)
        return found


# --- building ------------------------------------------------------------------------------------------

REQUIRED_TEMPLATE_FIELDS = ("name", "language", "category", "components")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ModelProblem(FrozenRecord):
    """A value that does not fit the model. `kind` selects the rule: missing-field, wrong-type,
    unknown-component or unknown-button. `path` is relative to the template."""

    kind: str
    message: str
    path: Path


def build_template(raw: dict[str, Any]) -> tuple[Template, list[ModelProblem]]:
    """The template's model (never None: what does not fit is left out) and the problems found."""
    problems: list[ModelProblem] = []
    for field_name in REQUIRED_TEMPLATE_FIELDS:
        if field_name not in raw or raw[field_name] is None:
            problems.append(ModelProblem("missing-field", f"template has no `{field_name}`; Meta requires one", ()))
    top = {k: v for k, v in raw.items() if k != "components"}
    template = _validate(Template, top, (), "template", problems) or Template()
    raw_components = raw.get("components")
    if raw_components is not None and not isinstance(raw_components, list):
        problems.append(ModelProblem("wrong-type", f"`components` must be a list, not {_describe(raw_components)}", ("components",)))
    elif raw_components:
        template.components = _build_components(raw_components, ("components",), COMPONENT_CLASSES, problems)
    return template, problems


def _build_components(items: list[Any], path: Path, classes: dict[str, type], problems: list[ModelProblem]) -> list[Any]:
    built = []
    for index, raw in enumerate(items):
        item_path = path + (index,)
        if not _is_typed_mapping(raw, item_path, "component", tuple(classes), "unknown-component", problems):
            continue
        shallow = {k: v for k, v in raw.items() if k not in ("buttons", "cards")}
        component = _validate(classes[raw["type"]], shallow, item_path, _kind_label(raw["type"], "component"), problems)
        if component is None:
            continue
        component.path = item_path
        if isinstance(component, Buttons):
            component.buttons = _build_children(raw, "buttons", item_path, problems, _build_button)
        elif isinstance(component, Carousel):
            component.cards = _build_children(raw, "cards", item_path, problems, _build_card)
        built.append(component)
    return built


def _build_children(raw: dict, key: str, path: Path, problems: list[ModelProblem], build_one) -> list[Any]:
    children = raw.get(key)
    if children is None:
        problems.append(ModelProblem("missing-field", f"{_kind_label(raw['type'], 'component')} has no `{key}`", path))
        return []
    if not isinstance(children, list):
        problems.append(ModelProblem("wrong-type", f"`{key}` must be a list, not {_describe(children)}", path + (key,)))
        return []
    built = (build_one(child, path + (key, index), problems) for index, child in enumerate(children))
    return [child for child in built if child is not None]


def _build_button(raw: Any, path: Path, problems: list[ModelProblem]) -> Any:
    if not _is_typed_mapping(raw, path, "button", BUTTON_TYPES, "unknown-button", problems):
        return None
    button = _validate(BUTTON_CLASSES[raw["type"]], raw, path, _kind_label(raw["type"], "button"), problems)
    if button is not None:
        button.path = path
    return button


def _build_card(raw: Any, path: Path, problems: list[ModelProblem]) -> Card | None:
    if not isinstance(raw, dict):
        problems.append(ModelProblem("wrong-type", f"a carousel card must be a mapping, not {_describe(raw)}", path))
        return None
    card = Card(path=path)
    card_components = raw.get("components")
    if not isinstance(card_components, list):
        kind = "missing-field" if card_components is None else "wrong-type"
        problems.append(ModelProblem(kind, "a carousel card needs a `components` list", path))
        return card
    card.components = _build_components(card_components, path + ("components",), CARD_COMPONENT_CLASSES, problems)
    return card


def _is_typed_mapping(raw: Any, path: Path, what: str, allowed: tuple[str, ...], unknown_kind: str, problems: list[ModelProblem]) -> bool:
    """Components and buttons are chosen by `type`: check it first, and the class it names validates the rest."""
    if not isinstance(raw, dict):
        problems.append(ModelProblem("wrong-type", f"a {what} must be a mapping, not {_describe(raw)}", path))
        return False
    kind = raw.get("type")
    if kind is None:
        problems.append(ModelProblem("missing-field", f"{what} has no `type`; expected one of {', '.join(allowed)}", path))
        return False
    if kind not in allowed:
        hint = ""
        if isinstance(kind, str) and kind.upper() in allowed:
            hint = f" (types are upper case: `{kind.upper()}`)"
        problems.append(ModelProblem(unknown_kind, f"unknown {what} type `{kind}`{hint}; expected one of {', '.join(allowed)}", path + ("type",)))
        return False
    return True


def _validate(cls: type, data: dict, path: Path, label: str, problems: list[ModelProblem]) -> Any:
    """Validate, and on failure report each error, prune the offending value and try again. Pruning
    works on a deep copy, made only once something fails: the raw data stays as the file has it, so
    rules can still find every value."""
    try:
        return validation.validate(cls, data)
    except validation.ValidationError:
        data = copy.deepcopy(data)
    reported: set[Path] = set()
    for _ in range(8):
        try:
            return validation.validate(cls, data)
        except validation.ValidationError as error:
            pruned = False
            for detail in error.errors(include_url=False):
                if detail["type"] == "invalid_key":
                    pruned |= _drop_keys_not_strings(data, _data_path(data, detail["loc"][:-1])[1])
                    continue
                data_path, value_path = _data_path(data, detail["loc"])
                if data_path not in reported:  # a pruned required value comes back as "missing"
                    reported.add(data_path)
                    problems.append(_to_problem(detail, path, data_path, label))
                pruned |= _prune(data, value_path)
            if not pruned:
                return None
    return None


def _data_path(data: Any, loc: tuple) -> tuple[Path, Path]:
    """Pydantic's error location without union tag names, and the part of it that exists in the data."""
    existing: list[Any] = []
    current = data
    clean = []
    for part in loc:
        if isinstance(current, dict) and part in current:
            existing.append(part)
            clean.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            existing.append(part)
            clean.append(part)
            current = current[part]
        elif isinstance(part, str) and part not in COMPONENT_TYPES and part not in BUTTON_TYPES and not part.startswith(("function-", "list[", "str", "int")):
            clean.append(part)  # a field that is missing from the data
    return tuple(clean), tuple(existing)


def _drop_keys_not_strings(data: dict, path: Path) -> bool:
    """A key that is not a string (YAML's `1:` or `null:`) is ignored, as any key the model does not
    know is: pydantic reports it for a dataclass (it ignored it for a model), and names it by its text."""
    container: Any = data
    for part in path:
        container = container[part]
    odd = [key for key in container if not isinstance(key, str)] if isinstance(container, dict) else []
    for key in odd:
        del container[key]
    return bool(odd)


def _prune(data: dict, path: Path) -> bool:
    """Remove the value that failed. For a missing field the deepest existing value is the container
    that lacks it; at the top of `data` there is nothing left to prune, so the caller gives up."""
    if not path:
        return False
    container: Any = data
    for part in path[:-1]:
        container = container[part]
    try:
        del container[path[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    return True


_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "float_type": "a number",
}


def _to_problem(detail: dict, base: Path, data_path: Path, label: str) -> ModelProblem:
    kind = detail["type"]
    field_name = next((p for p in reversed(data_path) if isinstance(p, str)), None)
    where = f"`{field_name}`" if field_name else "this value"
    if kind == "missing":
        parent = data_path[:-1]
        owner = f"{label}: `{_dotted(parent)}`" if parent else label
        return ModelProblem("missing-field", f"{owner} has no `{field_name}`; Meta requires it", base + parent)
    if kind in _TYPE_WORDS:
        message = f"{where} must be {_TYPE_WORDS[kind]}, not {_describe(detail.get('input'))}"
    elif kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = expected.replace("'", "").replace(" or ", ", ")
        given = detail.get("input")
        hint = f" (values are upper case: `{given.upper()}`)" if isinstance(given, str) and given.upper() in choices.split(", ") else ""
        message = f"{where} must be one of {choices}; got {_show(given)}{hint}"
    else:
        message = f"{where}: {detail['msg']}"
    return ModelProblem("wrong-type", f"{label}: {message}", base + data_path)


def _dotted(path: Path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _kind_label(kind: Any, what: str) -> str:
    return f"{kind} {what}" if isinstance(kind, str) else what


def _describe(value: Any) -> str:
    """A value's type the way a person who wrote YAML or JSON thinks of it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + '..."'
