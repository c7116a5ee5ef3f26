"""The channels: how one delivery is handed over. Each sender returns (provider id, address
used, event message) or raises sending.Rejected / sending.Temporary with a reason that names
no person, address or number."""

import base64
import hashlib
import hmac
import json
import logging

import httpx
import phonenumbers
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import translation

from tandem.notify.rendering import render_notice

logger = logging.getLogger(__name__)


def _errors():
    from tandem.notify.sending import Rejected, Temporary

    return Rejected, Temporary


# --- who, in which language ------------------------------------------------------------------------


def language_of(recipient) -> str:
    languages = dict(settings.LANGUAGES)
    if recipient.guardian_id:
        from tandem.notify.routing import preferences_of

        prefs = preferences_of(recipient.guardian)
        language = prefs.language if prefs is not None else settings.LANGUAGE_CODE
    else:
        language = getattr(recipient.staff.user, "language", "") or settings.LANGUAGE_CODE
    return language if language in languages else settings.LANGUAGE_CODE


def name_of(recipient) -> str:
    if recipient.guardian_id:
        return recipient.guardian.first_name
    return recipient.staff.user.first_name


def absolute(url: str) -> str:
    if not url:
        return settings.SITE_URL + "/"
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


# --- e-mail ----------------------------------------------------------------------------------------


def mail_connection():
    return mailers["default"]


def email_address(recipient) -> str:
    return recipient.guardian.email if recipient.guardian_id else recipient.staff.user.email


def email_for(delivery, *, connection=None) -> EmailMultiAlternatives:
    Rejected, _Temporary = _errors()
    recipient = delivery.recipient
    address = email_address(recipient)
    if not address:
        raise Rejected("There is no e-mail address.")
    language = language_of(recipient)
    rendered = render_notice(delivery.notice, language=language, recipient_name=name_of(recipient))
    html = rendered.html or render_to_string(
        "notify/email/notice.html",
        {"rendered": rendered, "url": absolute(delivery.notice.url), "language": language},
    )
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text + "\n\n" + absolute(delivery.notice.url),
        to=[address],
        headers={"Message-ID": f"<{delivery.pk}@tandem.notify>", "Content-Language": language},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_email(recipient, deliveries, *, digest: str, connection=None) -> EmailMultiAlternatives:
    language = language_of(recipient)
    items = []
    for delivery in deliveries:
        rendered = render_notice(delivery.notice, language=language, recipient_name=name_of(recipient))
        items.append({"rendered": rendered, "url": absolute(delivery.notice.url), "at": delivery.notice.created_at})
    context = {
        "items": items,
        "digest": digest,
        "setting": deliveries[0].notice.setting,
        "name": name_of(recipient),
        "language": language,
    }
    with translation.override(language):
        subject = " ".join(render_to_string("notify/email/digest.subject.txt", context).split())
        text = render_to_string("notify/email/digest.body.txt", context).strip()
        html = render_to_string("notify/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[email_address(recipient)],
        headers={"Message-ID": f"<digest-{deliveries[0].pk}@tandem.notify>", "Content-Language": language},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


# --- SMS ---------------------------------------------------------------------------------------------


def e164(raw: str) -> str | None:
    """RAW as an E.164 number (+447700900123), or None when it is not a valid number."""
    if not raw or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw, settings.TANDEM_SMS_REGION or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class TwilioProvider:
    """Twilio's Messages REST API (POST /2010-04-01/Accounts/{sid}/Messages.json), which several
    other providers copy. Status callbacks are signed with X-Twilio-Signature."""

    name = "twilio"

    def __init__(self, *, url: str, account: str, token: str, sender: str, timeout: float):
        self.url, self.account, self.token, self.sender, self.timeout = url.rstrip("/"), account, token, sender, timeout

    def send(self, *, to: str, body: str, callback_url: str = "") -> str:
        Rejected, Temporary = _errors()
        data = {"To": to, "From": self.sender, "Body": body}
        if callback_url:
            data["StatusCallback"] = callback_url
        try:
            response = httpx.post(
                f"{self.url}/2010-04-01/Accounts/{self.account}/Messages.json",
                data=data,
                auth=(self.account, self.token),
                timeout=httpx.Timeout(self.timeout),
            )
        except httpx.TimeoutException as exc:
            raise Temporary("The SMS provider did not answer in time.") from exc
        except httpx.HTTPError as exc:
            raise Temporary(f"The SMS provider could not be reached ({type(exc).__name__}).") from exc
        if response.status_code in (200, 201):
            try:
                return str(response.json()["sid"])
            except (ValueError, KeyError) as exc:
                raise Temporary("The SMS provider gave an answer we could not read.") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise Temporary(f"The SMS provider is busy (HTTP {response.status_code}).")
        try:
            code = response.json().get("code", "")
        except ValueError:
            code = ""
        raise Rejected(f"The SMS provider refused the text (HTTP {response.status_code}, error {code}).")

    def signature(self, url: str, params: dict) -> str:
        payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
        digest = hmac.new(self.token.encode(), payload.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def valid_signature(self, url: str, params: dict, given: str) -> bool:
        return bool(self.token) and bool(given) and hmac.compare_digest(self.signature(url, params), given)


def sms_provider():
    if settings.TANDEM_SMS_PROVIDER == "twilio":
        return TwilioProvider(
            url=settings.TANDEM_SMS_URL,
            account=settings.TANDEM_SMS_ACCOUNT,
            token=settings.TANDEM_SMS_TOKEN,
            sender=settings.TANDEM_SMS_FROM,
            timeout=settings.TANDEM_SMS_TIMEOUT_SECONDS,
        )
    return None


def sms_text(delivery) -> str:
    recipient = delivery.recipient
    rendered = render_notice(delivery.notice, language=language_of(recipient), recipient_name=name_of(recipient))
    text = rendered.text if len(rendered.text) <= 300 else rendered.text[:297] + "..."
    return f"{delivery.notice.setting.name}: {rendered.subject}\n{text}\n{absolute(delivery.notice.url)}"


def send_sms(delivery, *, now):
    Rejected, _Temporary = _errors()
    provider = sms_provider()
    if provider is None:
        raise Rejected("Text messages are not set up (TANDEM_SMS_PROVIDER is none).")
    raw = delivery.recipient.guardian.phone if delivery.recipient.guardian_id else ""
    number = e164(raw)
    if number is None:
        raise Rejected(
            "There is no mobile number."
            if not (raw or "").strip()
            else "The mobile number is not a valid phone number."
        )
    callback = settings.TANDEM_SMS_STATUS_CALLBACK_URL
    provider_id = provider.send(to=number, body=sms_text(delivery), callback_url=callback)
    return provider_id, number, "Handed to the SMS provider."


# --- web push ----------------------------------------------------------------------------------------


def send_push(delivery, *, now):
    from pywebpush import WebPushException, webpush

    from tandem.notify.models import PushSubscription

    Rejected, Temporary = _errors()
    recipient = delivery.recipient
    user_id = recipient.guardian.user_id if recipient.guardian_id else recipient.staff.user_id
    subscriptions = list(PushSubscription.objects.filter(user_id=user_id))
    if not subscriptions:
        raise Rejected("The person has no device signed up for notifications any more.")
    rendered = render_notice(delivery.notice, language=language_of(recipient), recipient_name=name_of(recipient))
    payload = json.dumps(
        {"title": rendered.subject, "body": rendered.text[:200], "url": delivery.notice.url or "/"}, ensure_ascii=False
    )
    delivered, temporary = 0, 0
    for subscription in subscriptions:
        try:
            webpush(
                subscription_info={
                    "endpoint": subscription.endpoint,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                },
                data=payload,
                vapid_private_key=settings.TANDEM_VAPID_PRIVATE_KEY,
                vapid_claims={"sub": settings.TANDEM_VAPID_SUBJECT},
                timeout=10,
                ttl=24 * 3600,
            )
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                subscription.delete()  # the browser has unsubscribed
            else:
                temporary += 1
        except Exception:  # noqa: BLE001 - network errors from requests
            temporary += 1
        else:
            delivered += 1
    if delivered:
        return "", "", f"Sent to {delivered} device(s)."
    if temporary:
        raise Temporary("The push service did not take the notification.")
    raise Rejected("Every device had unsubscribed from notifications.")


# --- printed letter ----------------------------------------------------------------------------------


def send_letter(delivery, *, now):
    from tandem.notify.models import PrintQueueItem

    Rejected, _Temporary = _errors()
    recipient = delivery.recipient
    if not recipient.guardian_id:
        raise Rejected("Letters are only printed for families.")
    PrintQueueItem.objects.get_or_create(
        delivery=delivery,
        defaults={
            "setting_id": delivery.setting_id,
            "guardian_id": recipient.guardian_id,
            "language": language_of(recipient),
            "created_at": now,
        },
    )
    return "", "", "Added to the office's print queue."


def letter_context(item) -> dict:
    notice = item.delivery.notice
    rendered = render_notice(notice, language=item.language, recipient_name=item.guardian.first_name)
    guardian = item.guardian
    return {
        "rendered": rendered,
        "notice": notice,
        "setting": notice.setting,
        "guardian": guardian,
        "address": guardian.address or guardian.family.address,
        "url": absolute(notice.url),
        "language": item.language,
    }


def letters_pdf(items) -> bytes:
    """One print-ready PDF of ITEMS (one letter a page), each in its family's language."""
    from django.utils.safestring import mark_safe

    from tandem.reports.pdf import render_pdf

    items = list(items)
    if len(items) == 1:
        return render_pdf("notify/letter_pdf.html", {"letters": [letter_context(items[0])]}, language=items[0].language)
    # Each letter is rendered in its own language, then put together as one document.
    pages = []
    for item in items:
        with translation.override(item.language):
            pages.append(
                mark_safe(  # noqa: S308 - our own template's output, autoescaped
                    render_to_string("notify/_letter.html", {"letter": letter_context(item)})
                )
            )
    return render_pdf("notify/letters_batch_pdf.html", {"pages": pages}, language=settings.LANGUAGE_CODE)


# --- face to face ------------------------------------------------------------------------------------


def key_person_for(delivery):
    from tandem.core.models import ChildGuardian

    notice, recipient = delivery.notice, delivery.recipient
    if notice.child_id and notice.child is not None and notice.child.key_person_id:
        return notice.child, notice.child.key_person
    links = (
        ChildGuardian.objects.filter(guardian_id=recipient.guardian_id, child__key_person__isnull=False)
        .select_related("child__key_person")
        .order_by("child__date_of_birth")
    )
    for link in links:
        if link.child.leave_date is None and link.child.key_person.is_active:
            return link.child, link.child.key_person
    return None, None


def send_face_to_face(delivery, *, now):
    from tandem.notify.models import FaceToFaceTask

    Rejected, _Temporary = _errors()
    if not delivery.recipient.guardian_id:
        raise Rejected("Face-to-face reminders are only for families.")
    child, key_person = key_person_for(delivery)
    if key_person is None:
        raise Rejected("The family's children have no key person to tell them.")
    due = delivery.notice.setting.today()
    FaceToFaceTask.objects.get_or_create(
        delivery=delivery,
        defaults={
            "setting_id": delivery.setting_id,
            "guardian_id": delivery.recipient.guardian_id,
            "child": child,
            "key_person": key_person,
            "due_on": due,
        },
    )
    return "", "", "On the key person's drop-off and pick-up list."
