# build-aux/a11y_audit_tree.py — the accessible tree as a11y-audit.py reads and judges it:
# the AT-SPI bus asked directly, what is on screen, and what counts as unnamed, doubled or
# drawn without a description. The rules are explained in a11y-audit.py's header.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import unicodedata


class Node:
    """One accessible as read: its place (child indices from the app), role, name,
    description, states, rectangle (window coordinates), and whether it is on screen."""
    __slots__ = ('path', 'role', 'name', 'desc', 'states', 'ext', 'parent', 'children',
                 'acc', 'shown')


STATE_NAMES = {}


class Bus:
    """The AT-SPI bus, asked directly and many questions at a time. Through pyatspi each
    property is one round trip to the app (about 5 ms an element, seconds a page); here
    a whole level of the tree is asked at once and the answers come back together."""

    def __init__(self):
        from gi.repository import Gio, GLib
        self.Gio, self.GLib = Gio, GLib
        session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        address = session.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                                    'GetAddress', None, GLib.VariantType('(s)'),
                                    Gio.DBusCallFlags.NONE, 5000, None).unpack()[0]
        self.conn = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.ctx = GLib.MainContext.default()
        from gi.repository import Atspi
        self.Atspi = Atspi
        self.roles = {}
        self.state_names = {}
        for i in range(64):
            try:
                self.state_names[i] = Atspi.StateType(i).value_nick
            except Exception:
                pass

    def many(self, calls):
        """Answers to (bus name, path, interface, method, args) calls; None for an error."""
        results = [None] * len(calls)
        pending = [len(calls)]

        def done(conn, res, i):
            try:
                results[i] = conn.call_finish(res).unpack()
            except Exception:
                results[i] = None
            pending[0] -= 1

        for i, (bus, path, iface, method, args) in enumerate(calls):
            self.conn.call(bus, path, iface, method, args, None,
                           self.Gio.DBusCallFlags.NONE, 10000, None, done, i)
        while pending[0] > 0:
            self.ctx.iteration(True)
        return results

    def role_name(self, role):
        if role not in self.roles:
            try:
                self.roles[role] = self.Atspi.role_get_name(self.Atspi.Role(role))
            except Exception:
                self.roles[role] = f'role {role}'
        return self.roles[role]

    def states(self, bits):
        out = set()
        for word, value in enumerate(bits or ()):
            for i in range(32):
                if value & (1 << i) and word * 32 + i in self.state_names:
                    out.add(self.state_names[word * 32 + i])
        return out

    def ask(self, bus, path, iface, method, args=None):
        return self.many([(bus, path, iface, method, args)])[0]

    def state(self, bus, path):
        r = self.ask(bus, path, A11Y + 'Accessible', 'GetState')
        return self.states(r[0]) if r else set()

    def extents(self, bus, path):
        r = self.ask(bus, path, A11Y + 'Component', 'GetExtents',
                     self.GLib.Variant('(u)', (WINDOW_COORDS,)))
        return tuple(r[0]) if r else None

    def children(self, bus, path):
        r = self.ask(bus, path, A11Y + 'Accessible', 'GetChildren')
        return [tuple(c) for c in r[0]] if r else []

    def read(self, bus, paths, windows, out):
        """Reads the trees under @paths (one per top window, measured against its
        rectangle in @windows). Only what may be on screen is read further: an element
        that is not visible, has an empty rectangle or lies outside its window is
        recorded (states, rectangle, role, name) but its children are not asked for.
        Returns the nodes of @paths."""
        GLib = self.GLib
        tops = []
        frontier = [((bus, p), (i,), None, windows[i]) for i, p in enumerate(paths)]
        while frontier:
            calls = []
            for (b, p), _, _, _ in frontier:
                calls += [(b, p, A11Y + 'Accessible', 'GetState', None),
                          (b, p, A11Y + 'Component', 'GetExtents', GLib.Variant('(u)', (WINDOW_COORDS,))),
                          (b, p, A11Y + 'Accessible', 'GetRole', None),
                          # One property at a time: GetAll fails on some objects
                          # (a GtkStackPage) where Get answers.
                          (b, p, 'org.freedesktop.DBus.Properties', 'Get',
                           GLib.Variant('(ss)', (A11Y + 'Accessible', 'Name'))),
                          (b, p, 'org.freedesktop.DBus.Properties', 'Get',
                           GLib.Variant('(ss)', (A11Y + 'Accessible', 'Description'))),
                          # GetChildren leaves out the stack pages (GtkStackPage,
                          # named after their page) that GetChildAtIndex gives, as
                          # pyatspi and screen readers see the tree: count, then ask.
                          (b, p, 'org.freedesktop.DBus.Properties', 'Get',
                           GLib.Variant('(ss)', (A11Y + 'Accessible', 'ChildCount')))]
            answers = self.many(calls)
            wanted = []
            for k, ((b, p), _, _, _) in enumerate(frontier):
                count = answers[6 * k + 5]
                for i in range(count[0] if count else 0):
                    wanted.append((k, (b, p, A11Y + 'Accessible', 'GetChildAtIndex',
                                       GLib.Variant('(i)', (i,)))))
            got = self.many([c for _, c in wanted])
            kids_of = {}
            for (k, _), child in zip(wanted, got):
                kids_of.setdefault(k, []).append(tuple(child[0]) if child else None)
            following = []
            for k, ((b, p), path, parent, window) in enumerate(frontier):
                state, ext, role, name, desc, _ = answers[6 * k:6 * k + 6]
                kids = [kids_of.get(k, [])]
                n = Node()
                n.path, n.parent, n.children, n.acc = path, parent, [], (b, p)
                n.shown = False
                n.states = self.states(state[0]) if state else set()
                n.ext = tuple(ext[0]) if ext else None
                n.role = self.role_name(role[0]) if role else 'gone'
                n.name = (name[0] if name else '') or ''
                n.desc = (desc[0] if desc else '') or ''
                out.append(n)
                if parent is None:
                    tops.append(n)
                else:
                    parent.children.append(n)
                if n.states and 'visible' not in n.states:
                    continue
                if n.ext is not None and (n.ext[2] <= 0 or n.ext[3] <= 0 or not meets(n.ext, window)):
                    continue
                for i, child in enumerate(kids[0]):
                    if child is not None:
                        following.append((child, path + (i,), n, window))
            frontier = following
        # Depth-first order, as the tree reads.
        out.sort(key=lambda n: n.path)
        return tops


A11Y = 'org.a11y.atspi.'
WINDOW_COORDS = 1


def meets(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def mark_shown(root, window, hidden_paths=()):
    """Rules 2–4 of the header: which elements are on screen."""
    hidden = set(hidden_paths)

    def walk(n, ok):
        if n.path in hidden:
            ok = False
        if n.states and 'visible' not in n.states:
            ok = False
        if n.ext is not None:
            n.shown = ok and n.ext[2] > 0 and n.ext[3] > 0 and meets(n.ext, window)
            ok = n.shown
        else:
            # No rectangle (a GtkStackPage): not an element of its own, passed through.
            n.shown = False
        folded = None
        if n.name == 'AdwLeaflet' and n.ext:
            for c in n.children:
                if c.ext and c.ext[0] <= n.ext[0] and c.ext[2] >= n.ext[2] and c.ext[2] > 0:
                    folded = c
        for c in n.children:
            walk(c, ok and (folded is None or c is folded))

    walk(root, True)


INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'entry',
    'text', 'password text', 'spin button', 'list item', 'table row', 'table cell', 'link',
    'slider', 'switch', 'page tab', 'menu item', 'check menu item', 'radio menu item',
    'tree item', 'toggle',
}
DRAWN_ROLES = {'drawing area', 'level bar', 'progress bar', 'chart', 'canvas'}
TYPE_NAME = re.compile(r'^(Gtk|Adw|Desk|Gdk)[A-Z][A-Za-z0-9]*$')


def is_interactive(n):
    return n.shown and n.role in INTERACTIVE and 'focusable' in n.states


def in_focusable_combo(n):
    """Whether @n is inside a combo box that takes the focus itself: an AdwComboRow shows
    its value in a one-row list whose row says it is focusable, but Tab stops at the
    combo box (which has the name) and never in that list (seen in the Tab walk of an
    editor). Such rows are counted apart, not as interactive elements."""
    p = n.parent
    while p is not None:
        if p.role == 'combo box' and 'focusable' in p.states:
            return True
        p = p.parent
    return False


def unnamed(name):
    s = (name or '').strip()
    if not s:
        return 'no name'
    if TYPE_NAME.match(s):
        return 'type name'
    if not any(unicodedata.category(ch)[0] in 'LN' for ch in s):
        return 'punctuation only'
    return None


def strip_mnemonic(s):
    return re.sub(r'_(.)', r'\1', s)


def doubled(name):
    s = ' '.join((name or '').split())
    if not s:
        return False
    plain = strip_mnemonic(s)
    for i, ch in enumerate(plain):
        if ch == ' ' and plain[:i] == plain[i + 1:]:
            return True
    # "_Original Original": the mnemonic form beside the plain form.
    for i, ch in enumerate(s):
        if ch == ' ' and '_' in s[:i] and strip_mnemonic(s[:i]) == s[i + 1:]:
            return True
    return False


def is_drawn(n):
    if not n.shown:
        return False
    return (n.role in DRAWN_ROLES or n.name in ('GtkDrawingArea', 'GtkLevelBar', 'GtkProgressBar')
            or re.match(r'^Desk\w*(Chart|Bar|Graph|Pill)\w*$', n.name or '') is not None)


def where(n):
    """The element's role chain up to the nearest named ancestor, for finding it."""
    chain = []
    p = n.parent
    anchor = None
    while p is not None:
        if p.role in ('frame', 'application'):
            break
        if p.name and not unnamed(p.name):
            anchor = p
            break
        if p.name and TYPE_NAME.match(p.name):
            chain.append(f'{p.role}[{p.name}]')
        else:
            chain.append(p.role)
        p = p.parent
    chain.reverse()
    head = f'{anchor.role} “{anchor.name}”' if anchor else 'window'
    desc = f' (description “{n.desc}”)' if n.desc else ''
    return f'{head} › ' + ' › '.join(chain[-4:] + [f'{n.role} “{n.name}”']) + desc


def count(nodes, scope):
    """Counts over the shown nodes under @scope (a predicate on nodes)."""
    result = {'interactive': 0, 'unnamed': 0, 'doubled': 0, 'header_fillers': 0,
              'column_headers': 0, 'drawn': 0, 'drawn_undescribed': 0, 'combo_inner': 0,
              'problems': []}
    for n in nodes:
        if not n.shown or not scope(n):
            continue
        if n.name == 'GtkColumnViewTitle':
            result['header_fillers'] += 1
        if n.role in ('column header', 'table column header'):
            result['column_headers'] += 1
        if is_drawn(n):
            result['drawn'] += 1
            if not n.desc.strip():
                result['drawn_undescribed'] += 1
                result['problems'].append({'kind': 'undescribed drawn', 'role': n.role,
                                           'name': n.name, 'where': where(n)})
        if not is_interactive(n):
            continue
        if in_focusable_combo(n):
            result['combo_inner'] += 1
            continue
        result['interactive'] += 1
        why = unnamed(n.name)
        if why:
            result['unnamed'] += 1
            result['problems'].append({'kind': f'unnamed ({why})', 'role': n.role,
                                       'name': n.name, 'where': where(n)})
        elif doubled(n.name):
            result['doubled'] += 1
            result['problems'].append({'kind': 'doubled', 'role': n.role, 'name': n.name,
                                       'where': where(n)})
    return result


def inside(n, ancestor):
    p = n
    while p is not None:
        if p is ancestor:
            return True
        p = p.parent
    return False


def sized(n):
    """Whether @n was ever allocated (a child without a rectangle of its own, a stack
    page, stands for its children)."""
    if n.ext is None:
        return any(sized(g) for g in n.children)
    return n.ext[2] > 0 and n.ext[3] > 0
