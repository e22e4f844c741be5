# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident portal for service requests: list, read, reply, file, close and rate."""

from collections import OrderedDict
from urllib.parse import urlencode

from odoo import SUPERUSER_ID, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.portal.tenant_ticket import MAX_DESCRIPTION_LENGTH

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes
ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/bmp",
    "application/pdf",
}
MAX_TITLE_LENGTH = 200
MAX_PG_INT = 2**31 - 1


def _parse_id(value):
    """An id sent by the browser, or None when it is empty; raise ValueError when it is not an id."""
    value = (value or "").strip()
    if not value:
        return None
    number = int(value)
    if not 0 < number <= MAX_PG_INT:
        raise ValueError(value)
    return number


def _parse_page(page):
    """A list's page number from the URL, 1 when it is not one.

    Odoo's portal pager takes any string for which ``str.isdigit()`` holds, and ``"²".isdigit()``
    does while ``int("²")`` fails (HTTP 500): only ASCII digits are a page number here.
    """
    if isinstance(page, int):
        return page
    page = page if isinstance(page, str) else ""
    return min(int(page), MAX_PG_INT) if page.isascii() and page.isdigit() else 1


def _parse_token(access_token):
    """A document token from the URL, or None when it cannot be one.

    Tokens are ASCII; ``consteq`` (``hmac.compare_digest``) raises TypeError on any other string,
    which would end as an HTTP 500: such a value is taken as no token at all.
    """
    return access_token if isinstance(access_token, str) and access_token.isascii() else None


# Shared by the portal's controllers (notices, events, points, links) ------------------------------


def _portal_post_route(routes, **kwargs):
    """``http.route`` of a form that a signed-in user posts from the portal: POST, CSRF-checked."""
    return http.route(routes, type="http", auth="user", methods=["POST"], website=True, csrf=True, **kwargs)


def _count_readable(model, domain):
    """How many records of ``model`` match ``domain`` with the user's own rights (the record rules
    decide which count); 0 for a user who may not read the model at all."""
    return model.search_count(domain) if model.has_access("read") else 0


def _search_page(model, domain, url, page, step, order, url_args=None):
    """(records, pager): the page ``page`` of a portal list of ``model`` matching ``domain``, ``step``
    records a page, read with the user's own rights (none for a user who may not read the model)."""
    total = _count_readable(model, domain)
    pager = portal_pager(url=url, url_args=url_args, total=total, page=page, step=step)
    if not model.has_access("read"):
        return model.browse(), pager
    return model.search(domain, order=order, limit=step, offset=pager["offset"]), pager


def _own_occupancies(domain):
    """The user's own occupancies matching ``domain``, read with their own rights (none when they
    may not read occupancies). The portal rule shows a resident their own ones; the explicit
    partner keeps staff who open the portal to their own homes too."""
    Occupancy = request.env["tenant.occupancy"]
    if not Occupancy.has_access("read"):
        return Occupancy
    return Occupancy.search([("partner_id", "=", request.env.user.partner_id.id), *domain])


def read_uploads(files, errors):
    """The files a resident sent with a portal form, read and checked: at most ``MAX_FILES``, each
    at most ``MAX_FILE_SIZE`` and a picture or a PDF by its content (not its name). Returns
    ``[(filename, data, mimetype)]``; a refusal is written in ``errors["attachments"]``, the
    form's error for its files field, and stops the reading (the form is shown again)."""
    uploads = []
    files = [upload for upload in files if upload and upload.filename]
    if len(files) > MAX_FILES:
        errors["attachments"] = request.env._("You can attach at most %(max)s files.", max=MAX_FILES)
        return uploads
    for upload in files:
        data = upload.read(MAX_FILE_SIZE + 1)
        if len(data) > MAX_FILE_SIZE:
            errors["attachments"] = request.env._(
                "%(file)s is larger than %(max)s MB.",
                file=upload.filename,
                max=MAX_FILE_SIZE // (1024 * 1024),
            )
            break
        mimetype = guess_mimetype(data, default="application/octet-stream")
        if mimetype not in ALLOWED_MIMETYPES:
            errors["attachments"] = request.env._(
                "%(file)s is not a picture or a PDF document: only photos (JPEG, PNG, GIF, WebP, "
                "BMP) and PDF files can be attached.",
                file=upload.filename,
            )
            break
        uploads.append((upload.filename, data, mimetype))
    return uploads


class TenantCustomerPortal(CustomerPortal):
    # Home ---------------------------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ticket_count" in counters:
            # The user's own rights: the record rules decide which requests are counted.
            values["ticket_count"] = _count_readable(
                request.env["tenant.ticket"], self._ticket_portal_domain()
            )
        return values

    # Helpers ------------------------------------------------------------------------------------

    def _ticket_portal_domain(self):
        """The requests a person follows as a resident: their own and their household's.

        The portal record rule's own domain (tenant.ticket._get_portal_reader_domain, through the
        field it searches), so that staff who open the portal see their own requests as a
        resident, not every ticket of the properties they manage.
        """
        return [("portal_partner_ids", "in", request.env.user.partner_id.ids)]

    def _ticket_resident_units(self):
        """The units the user currently lives in or holds, read with their own rights."""
        occupancies = _own_occupancies([("is_current", "=", True)])
        return occupancies.unit_id.filtered("active").sorted("display_name")

    def _ticket_categories(self):
        Category = request.env["tenant.ticket.category"]
        if not Category.has_access("read"):
            return Category
        return Category.search([])

    def _ticket_kinds(self):
        return request.env["tenant.ticket"]._fields["kind"]._description_selection(request.env)

    def _ticket_hotlines(self, units):
        """``[(property name, number)]``: whom to call in an emergency, for these units."""
        # sudo: residents may not read properties; only the name and the emergency number of the
        # properties of units they may read (their own, or the ticket's) are shown to them.
        properties = units.sudo().property_id
        hotlines = [(prop.name, prop._emergency_hotline()) for prop in properties]
        hotlines = [(name, number) for name, number in hotlines if number]
        if not hotlines and request.env.company.phone:
            hotlines = [(request.env.company.name, request.env.company.phone)]
        return hotlines

    def _ticket_searchbar_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "create_date desc, id desc"},
            "stage": {"label": request.env._("Stage"), "order": "stage_id, create_date desc, id desc"},
        }

    def _ticket_searchbar_filters(self):
        return OrderedDict(
            [
                ("all", {"label": request.env._("All"), "domain": []}),
                ("open", {"label": request.env._("Open"), "domain": [("is_closed", "=", False)]}),
                ("closed", {"label": request.env._("Closed"), "domain": [("is_closed", "=", True)]}),
            ]
        )

    # List ---------------------------------------------------------------------------------------

    @http.route(["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_tickets(self, page=1, sortby=None, filterby=None, **kw):
        page = _parse_page(page)
        values = self._prepare_portal_layout_values()
        searchbar_sortings = self._ticket_searchbar_sortings()
        searchbar_filters = self._ticket_searchbar_filters()
        if sortby not in searchbar_sortings:
            sortby = "date"
        if filterby not in searchbar_filters:
            filterby = "all"
        tickets, pager = _search_page(
            request.env["tenant.ticket"],
            self._ticket_portal_domain() + searchbar_filters[filterby]["domain"],
            url="/my/tickets",
            page=page,
            step=self._items_per_page,
            order=searchbar_sortings[sortby]["order"],
            url_args={"sortby": sortby, "filterby": filterby},
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values.update(
            {
                "tickets": tickets,
                "page_name": "ticket",
                "default_url": "/my/tickets",
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "can_create_ticket": True,
            }
        )
        return request.render("tenant_relations.portal_my_tickets", values)

    # Detail -------------------------------------------------------------------------------------

    def _ticket_get_page_view_values(self, ticket_sudo, access_token, **kwargs):
        user = request.env.user
        partner = user.partner_id
        has_valid_token = bool(
            access_token and ticket_sudo.access_token and consteq(ticket_sudo.access_token, access_token)
        )
        viewer_is_reporter = bool(ticket_sudo.partner_id) and (
            ticket_sudo.partner_id == partner or (user._is_public() and has_valid_token)
        )
        # The document token opens the ticket to whoever holds it, for as long as it lives: hand it
        # out to the reporter only, or give back the one the visitor came with. Anybody else (the
        # main contact of the household) uses the chatter with their own rights, which end when
        # they leave the household. Files are served by portal_ticket_file, which checks access to
        # the ticket on each call, not with tokens of their own that would outlive it.
        token_holder = viewer_is_reporter or has_valid_token
        rating = request.env["rating.rating"]
        rating_token = False
        if ticket_sudo.is_closed and viewer_is_reporter and ticket_sudo._tenant_rating_offered():
            rating = ticket_sudo.rating_ids.filtered(
                lambda r: r.consumed and r.partner_id == ticket_sudo.partner_id
            ).sorted("write_date")[-1:]
            if not rating:
                # The viewer is the reporter (signed in, or holding their document token): their link.
                rating_token = ticket_sudo._with_reporter_links()._rating_get_access_token()
        values = {
            "page_name": "ticket",
            "ticket": ticket_sudo,
            "user": user,
            "attachments": self._ticket_request_attachments(ticket_sudo),
            "file_token": access_token if has_valid_token else False,
            "chatter_token": ticket_sudo.access_token if token_holder else False,
            "can_close": not ticket_sudo.is_closed and not user._is_public(),
            "rating": rating,
            "rating_token": rating_token,
            "close_error": kwargs.get("close_error"),
            "confirm_close": kwargs.get("confirm_close") and not ticket_sudo.is_closed,
            "closed": kwargs.get("closed"),
            "hotlines": self._ticket_hotlines(ticket_sudo.unit_id) if ticket_sudo.urgency == "urgent" else [],
            "created": kwargs.get("created"),
        }
        return self._get_page_view_values(
            ticket_sudo, access_token, values, "my_tickets_history", False, **kwargs
        )

    def _ticket_request_attachments(self, ticket_sudo):
        """The files the resident sent with the request, as sudo.

        Files sent in the chatter are shown there, with their message. Files that staff put on the
        ticket through the back-office chatter's attachment box are linked to no message either, and
        may be internal (quotes, reports): they are left out. The portal form creates the resident's
        files as sudo but under the resident's own uid, so their author is one of the reporter's
        users.
        """
        reporter_users = ticket_sudo.partner_id.with_context(active_test=False).user_ids
        if not reporter_users:
            return request.env["ir.attachment"].sudo()
        # sudo: the caller proved the visitor may read this ticket; only its own files are read.
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", ticket_sudo._name),
                    ("res_id", "=", ticket_sudo.id),
                    ("res_field", "=", False),
                    ("create_uid", "in", reporter_users.ids),
                ]
            )
        )
        return attachments - ticket_sudo.message_ids.attachment_ids

    def _ticket_check_access(self, ticket_id, access_token):
        """The ticket as sudo when the visitor may read it, else None: nothing about it leaks."""
        if ticket_id > MAX_PG_INT:
            return None
        try:
            return self._document_check_access("tenant.ticket", ticket_id, access_token)
        except (AccessError, MissingError):
            return None

    @http.route(["/my/tickets/<int:ticket_id>"], type="http", auth="public", website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        access_token = _parse_token(access_token)
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        if ticket_sudo is None:
            return request.redirect("/my")
        # The reporter's chatter works with the document token (see the page values).
        ticket_sudo._portal_ensure_token()
        values = self._ticket_get_page_view_values(ticket_sudo, access_token, **kw)
        return request.render("tenant_relations.portal_my_ticket", values)

    @http.route(
        ["/my/tickets/<int:ticket_id>/files/<int:attachment_id>"], type="http", auth="public", website=True
    )
    def portal_ticket_file(self, ticket_id, attachment_id, access_token=None, download=None, thumbnail=None):
        """A file sent with the request, for whoever may read the request now."""
        access_token = _parse_token(access_token)
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        if ticket_sudo is None:
            raise request.not_found()
        attachment_sudo = self._ticket_request_attachments(ticket_sudo).filtered(
            lambda attachment: attachment.id == attachment_id
        )
        if not attachment_sudo:
            raise request.not_found()
        Binary = request.env["ir.binary"]
        if thumbnail:
            stream = Binary._get_image_stream_from(attachment_sudo, width=50, height=40)
        else:
            stream = Binary._get_stream_from(attachment_sudo)
        return stream.get_response(as_attachment=bool(download))

    # Close --------------------------------------------------------------------------------------

    @_portal_post_route(["/my/tickets/<int:ticket_id>/close"])
    def portal_close_ticket(self, ticket_id, access_token=None, confirm=None, **kw):
        """Close a request, once the resident confirmed it (the ticket page asks first, no script
        needed): a close cannot be undone from the portal."""
        access_token = _parse_token(access_token)
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        if ticket_sudo is None:
            return request.redirect("/my")

        def back(**params):
            if access_token:
                params["access_token"] = access_token
            return request.redirect(f"{ticket_sudo.access_url}?{urlencode(params)}")

        if ticket_sudo.is_closed:
            return back()
        if confirm != "1":
            return back(confirm_close=1)
        stage = request.env["tenant.ticket.stage"].sudo().search([("is_closed", "=", True)], limit=1)
        if not stage:
            return back(close_error=1)
        try:
            with request.env.cr.savepoint():
                # sudo is safe here: the access check above proved the user may read this ticket
                # (their own, their household's as main contact, or a valid token), and the only
                # change made is the move to a closed stage. Portal users have no write right on
                # tickets, so the controller is the only way for a resident to close one.
                ticket_sudo.write({"stage_id": stage.id})
                ticket_sudo.message_post(
                    body=request.env._("Closed by the resident from the portal."),
                    author_id=request.env.user.partner_id.id,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        except (UserError, ValidationError):
            return back(close_error=1)
        return back(closed=1)

    # New request --------------------------------------------------------------------------------

    def _ticket_new_form_values(self, form=None, errors=None):
        units = self._ticket_resident_units()
        form = dict(form or {})
        if "unit_id" not in form and len(units) == 1:
            form["unit_id"] = str(units.id)
        form.setdefault("kind", "repair")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "ticket_new",
                "units": units,
                "categories": self._ticket_categories(),
                "kinds": self._ticket_kinds(),
                "form": form,
                "errors": errors or {},
                "max_files": MAX_FILES,
                "max_file_size_mb": MAX_FILE_SIZE // (1024 * 1024),
                "hotlines": self._ticket_hotlines(units),
                "requires_occupancy": self._ticket_requires_occupancy(),
                "max_description_length": MAX_DESCRIPTION_LENGTH,
            }
        )
        return values

    def _ticket_requires_occupancy(self):
        """Whether only current residents may file requests here (the firm's setting, default on).

        The portal is by invitation; a portal user who lives in none of our units (a former
        resident, a self-registered stranger if an administrator opened sign-up) files nothing,
        unless the firm chose otherwise in Settings.
        """
        return request.env.company._tenant_portal_requires_occupancy()

    @http.route(["/my/tickets/new"], type="http", auth="user", methods=["GET"], website=True)
    def portal_new_ticket_form(self, **kw):
        return request.render("tenant_relations.portal_ticket_new", self._ticket_new_form_values())

    def _ticket_validate_form(self, post, files):
        """Check what the resident sent; return (values to create, files to attach, errors)."""
        errors = {}
        name = (post.get("name") or "").strip()
        if not name:
            errors["name"] = request.env._("Please give your request a title.")
        elif len(name) > MAX_TITLE_LENGTH:
            errors["name"] = request.env._(
                "The title is too long: at most %(max)s characters.", max=MAX_TITLE_LENGTH
            )

        kind = post.get("kind") or "repair"
        if kind not in dict(self._ticket_kinds()):
            errors["kind"] = request.env._("Please choose the kind of request from the list.")

        units = self._ticket_resident_units()
        unit = request.env["tenant.unit"]
        try:
            unit_id = _parse_id(post.get("unit_id"))
        except ValueError:
            unit_id = -1
        if unit_id is None:
            if units:
                errors["unit_id"] = request.env._("Please choose the unit your request is about.")
            elif self._ticket_requires_occupancy():
                errors["unit_id"] = request.env._(
                    "Requests can be filed here by current residents only: no unit is registered for "
                    "you. Please call the service desk."
                )
        elif unit_id not in units.ids:
            errors["unit_id"] = request.env._(
                "You can only file a request for a unit you currently live in or own."
            )
        else:
            unit = units.browse(unit_id)

        category = request.env["tenant.ticket.category"]
        try:
            category_id = _parse_id(post.get("category_id"))
        except ValueError:
            category_id = -1
        if category_id is not None:
            categories = self._ticket_categories()
            if category_id in categories.ids:
                category = categories.browse(category_id)
            else:
                errors["category_id"] = request.env._("Please choose a category from the list.")

        uploads = read_uploads(files, errors)

        description = (post.get("description") or "").strip()
        if len(description) > MAX_DESCRIPTION_LENGTH:
            errors["description"] = request.env._(
                "The description is too long: at most %(max)s characters.", max=MAX_DESCRIPTION_LENGTH
            )
        # Urgent when the resident says so, whatever the category (or none, "I don't know"); left
        # out otherwise, so that an urgent category (a leak) still makes the request urgent.
        urgency = {"urgency": "urgent"} if post.get("urgent") == "1" else {}
        vals = {
            "name": name,
            # The resident writes plain text: escape it, so any markup (a <script>…) stays text.
            "description": plaintext2html(description) if description else False,
            "kind": kind,
            "unit_id": unit.id or False,
            "category_id": category.id or False,
            **urgency,
        }
        return vals, uploads, errors

    # tenant_files: the photos of the request (see ir.http._tenant_reject_unexpected_files).
    @_portal_post_route(["/my/tickets/new"], tenant_files=("attachments",))
    def portal_new_ticket_submit(self, **post):
        files = request.httprequest.files.getlist("attachments")
        vals, uploads, errors = self._ticket_validate_form(post, files)
        if errors:
            form = {
                key: post.get(key) or ""
                for key in ("name", "description", "kind", "unit_id", "category_id", "urgent")
            }
            values = self._ticket_new_form_values(form=form, errors=errors)
            return request.render("tenant_relations.portal_ticket_new", values, status=400)
        # sudo is safe here: portal users have no create right on tickets on purpose, so this
        # controller is the only way in. Everything the resident chose was checked above (their own
        # current unit, a listed category and kind, escaped description, vetted files), and the
        # reporter and channel are fixed here, not taken from the request.
        ticket = (
            request.env["tenant.ticket"]
            .sudo()
            .with_context(tenant_ticket_no_acknowledgement=True)
            .create(
                {
                    **vals,
                    "partner_id": request.env.user.partner_id.id,
                    "channel": "portal",
                }
            )
        )
        # Acknowledge as the system: posted as the resident, the acknowledgement would be their
        # own message, and mail never notifies the author, so they would not receive it.
        ticket.with_user(SUPERUSER_ID)._send_acknowledgement()
        if uploads:
            # sudo: portal users cannot attach files to a document they cannot write.
            request.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": filename,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": ticket._name,
                        "res_id": ticket.id,
                    }
                    for filename, data, mimetype in uploads
                ]
            )
        return request.redirect(f"{ticket.access_url}?created=1")
