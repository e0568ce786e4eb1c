#!/usr/bin/python3
# build-aux/a11y-audit.py — what a screen reader and a keyboard user meet in Groupdesk.
#
# Audits the app as GNOME's accessibility reviewers do: the app runs under Xvfb with the
# AT-SPI bus, its accessible tree is walked with pyatspi on every page and section, Tab
# is pressed through each page with xdotool, and the sidebar is measured at three window
# sizes. Issue 20 asks for this audit's counts before and after its fixes.
#
#   build-aux/a11y-audit.py [--build DIR] [--page NAME] [--lang zh_CN] [--json FILE]
#                           [--fail-on-unnamed] [--no-tab] [--no-sizes] [--isolate]
#
# It needs an X display and a D-Bus session (`build-aux/dev audit` gives both); with
# --isolate, or when DISPLAY is not set, it starts its own under xvfb-run and
# dbus-run-session, so a test run never shares its keyboard with another window. Only
# /usr/bin/python3 has Debian's pyatspi (python3-pyatspi, gir1.2-atspi-2.0).
#
# Exit status: 0 when the audit ran (the counts are the output), 1 with
# --fail-on-unnamed when any interactive element is unnamed or doubled or a Tab stop is
# silent, 2 when the audit could not run (usage, no app on the bus, overall timeout), 77
# when pyatspi or xdotool is missing (meson's "skipped").
#
# How it decides what is ON SCREEN. GTK 4.8 never sets AT-SPI's "showing" state, keeps a
# hidden stack child in the tree with the extents of its last allocation, and exposes a
# child it never allocated with an empty rectangle. So:
#   1. Every page is audited in a FRESH app process that starts on it (the settings'
#      "last-page", through a keyfile GSettings backend in a temporary XDG_CONFIG_HOME):
#      the window builds a page only when it is first needed, so no other page exists.
#   2. An element counts when it and all its ancestors have the "visible" state (objects
#      with no states at all, like GtkStackPage, are passed through), its rectangle is
#      not empty and meets the window's.
#   3. An AdwLeaflet that is folded shows one child over its whole width: its other
#      children (the folded-away sidebar, with stale extents) are off screen.
#   4. A page's sections live in one stack whose children are the sections, in the order
#      of the section switcher's tabs. At the page's first view only the first section was
#      ever allocated, so that stack is among the nodes with one child per tab of which
#      only the selected tab's child has a rectangle. Each further section is audited in
#      its own fresh process: its tab is clicked (again if the window missed it), the stack
#      is the outermost of those nodes whose clicked child now has a rectangle while the
#      first keeps its stale one, and every child of it but the clicked one is off screen.
#   5. A record's editor is opened (a double click on the first row of the section's
#      list) in its own process; the editor's elements are those on screen after the
#      double click that were not before (same place in the tree).
#
# What it counts, per page or section ("interactive" is a focusable element of a role a
# person operates: buttons, toggles, check boxes, radios, combo boxes, entries and text,
# spin buttons, list items, table rows and focusable cells, links, sliders, page tabs,
# menu items):
# (a focusable row inside a combo box that takes the focus itself — an AdwComboRow's
# value — is counted apart: Tab stops at the combo box, never in it)
#   unnamed  — name empty, a GTK/libadwaita/Groupdesk type name (GtkButton, AdwGizmo,
#              DeskRecordList), or punctuation only;
#   doubled  — a mnemonic said twice ("_Original Original") or the same text twice;
#   column headers — GtkColumnViewTitle exposed as a filler vs as a column header;
#   undescribed drawn widgets — drawing areas, level and progress bars, charts with no
#              description (a screen reader gets no values from them).
# The Tab walk presses Tab from where focus starts until it comes back there (at most
# 400 times), recording each stop from AT-SPI's focus events: stops, silent stops (the
# focused object has no name, or no focus event came), the largest number of stops in
# one list (the rows of one list are one group; the sidebar is left out), and whether
# the sidebar's selected row changed while Tab was pressed.
#
# Reading. The tree is read over the AT-SPI bus directly (a11y_audit_tree.Bus), a whole
# level at a time, once the app has used no CPU for 0.35 s (its lists filled, its frame
# drawn); pyatspi is used to find the app and for focus events. Animations and the
# blinking cursor are off in the app's own settings.ini, so that it falls idle.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

# The tree's module is beside this script; no __pycache__ is left in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from a11y_audit_tree import (  # noqa: E402 — beside this script
    Bus, Node, count, inside, mark_shown, sized, unnamed)

SCREEN = '1600x1000x24'
DEFAULT_TIMEOUT = 600
APP_WAIT = 20.0
TAB_CAP = 400
# The AT-SPI bus (a11y_audit_tree.Bus), made once the display and bus are ours.
BUS = None
DEBUG = bool(os.environ.get('GROUPDESK_AUDIT_DEBUG'))

PAGES = [
    ('overview', 'Overview'),
    ('workplan', 'Workplan'),
    ('deliverables', 'Deliverables'),
    ('budget', 'Budget'),
    ('workshops', 'Workshops'),
    ('people', 'People'),
    ('reports', 'Reports'),
    ('exports', 'Exports'),
    ('groups', 'Groups'),
]

SIZES = [(None, None), (1024, 600), (900, 700)]


def say(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Running inside a display and a bus of our own.

def reexec_isolated(argv):
    for tool in ('xvfb-run', 'dbus-run-session'):
        if shutil.which(tool) is None:
            say(f'a11y-audit: {tool} is missing; run it under an X display and a D-Bus session')
            sys.exit(77)
    env = dict(os.environ, GROUPDESK_AUDIT_ISOLATED='1')
    cmd = ['xvfb-run', '-a', '-s', f'-screen 0 {SCREEN}', 'dbus-run-session', '--',
           '/usr/bin/python3', os.path.abspath(__file__)] + [a for a in argv if a != '--isolate']
    os.execvpe(cmd[0], cmd, env)


# ---------------------------------------------------------------------------------------
# The app under audit.

class App:
    """One groupdesk process on a page, with its own settings, killed on exit."""

    live = []

    def __init__(self, opts, page, size=None):
        self.opts = opts
        self.dir = tempfile.mkdtemp(prefix='groupdesk-audit-')
        settings = os.path.join(self.dir, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings)
        # No blinking cursor and no animations: the app falls idle as soon as it has
        # drawn (see wait_idle), and a transition never leaves things half-way.
        gtk = os.path.join(self.dir, 'config', 'gtk-4.0')
        os.makedirs(gtk)
        with open(os.path.join(gtk, 'settings.ini'), 'w', encoding='utf-8') as f:
            f.write('[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n')
        with open(os.path.join(settings, 'keyfile'), 'w', encoding='utf-8') as f:
            f.write('[org/voluntaryprinciples/Groupdesk]\n')
            f.write(f"last-page='{page}'\n")
            if size is not None and size[0] is not None:
                f.write(f'window-width={size[0]}\nwindow-height={size[1]}\n')
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.update({
            'GSETTINGS_SCHEMA_DIR': os.path.join(opts.build, 'data'),
            'GROUPDESK_LOCALEDIR': os.path.join(opts.build, 'po', 'locale'),
            'GSETTINGS_BACKEND': 'keyfile',
            'XDG_CONFIG_HOME': os.path.join(self.dir, 'config'),
            'GDK_BACKEND': 'x11',
            'GSK_RENDERER': 'cairo',
            'GROUPDESK_DB': '',
            'GTK_A11Y': 'atspi',
        })
        env.update(opts.lang_env)
        self.log = open(os.path.join(self.dir, 'app.log'), 'w+', encoding='utf-8')
        self.proc = subprocess.Popen([os.path.join(opts.build, 'src', 'gui', 'groupdesk'),
                                      '--db', opts.db],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        App.live.append(self)
        self.node = None
        self.frame = None

    def find(self):
        """Waits for the app's window on the AT-SPI desktop; returns its frame."""
        deadline = time.monotonic() + APP_WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AuditError(f'groupdesk exited with {self.proc.returncode}: {self.tail()}')
            try:
                desktop = pyatspi.Registry.getDesktop(0)
                for i in range(desktop.childCount):
                    app = desktop.getChildAtIndex(i)
                    if app is None or app.name != 'groupdesk':
                        continue
                    if app.get_process_id() != self.proc.pid:
                        continue
                    for j in range(app.childCount):
                        frame = app.getChildAtIndex(j)
                        if frame is not None and frame.getRole() == pyatspi.ROLE_FRAME:
                            ext = extents(frame)
                            if ext and ext[2] > 0:
                                self.node, self.frame = app, frame
                                self.bus_name = frame.app.bus_name
                                return frame
            except Exception:  # the bus is still starting: ask again
                pass
            time.sleep(0.25)
        raise AuditError(f'groupdesk did not appear on the accessibility bus in {APP_WAIT:.0f} s: {self.tail()}')

    def xid(self):
        """The app's X window: the largest one named like the window."""
        ids = run_out(['xdotool', 'search', '--onlyvisible', '--pid', str(self.proc.pid)])
        if not ids:
            ids = run_out(['xdotool', 'search', '--name', 'Groupdesk'])
        best, area = None, -1
        for wid in ids.split():
            geo = run_out(['xdotool', 'getwindowgeometry', wid])
            m = re.search(r'Geometry: (\d+)x(\d+)', geo)
            if m and int(m.group(1)) * int(m.group(2)) > area:
                best, area = wid, int(m.group(1)) * int(m.group(2))
        return best

    def tail(self):
        try:
            self.log.flush()
            self.log.seek(0)
            lines = [l for l in self.log.read().splitlines()
                     if 'Screen coordinates not supported' not in l and l.strip()]
            return ' | '.join(lines[-5:])
        except Exception:
            return ''

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except Exception:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=5)
                except Exception:
                    pass
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        if self in App.live:
            App.live.remove(self)


def close_all():
    for app in list(App.live):
        app.close()


class AuditError(Exception):
    pass


def run_out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return ''


def xdo(*args):
    subprocess.run(['xdotool'] + [str(a) for a in args], capture_output=True, timeout=20)


# ---------------------------------------------------------------------------------------
# The accessible tree, read once into plain records.

def extents(acc):
    try:
        e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return (e.x, e.y, e.width, e.height)
    except Exception:
        return None


# ---------------------------------------------------------------------------------------
# One view of the app.

class View:
    def __init__(self, app):
        self.app = app
        self.nodes = []
        self.root = None
        self.window = None
        self.hidden = []

    def read(self):
        self.nodes = []
        bus = BUS
        name = self.app.bus_name
        tops = bus.children(name, '/org/a11y/atspi/accessible/root')
        if not tops:
            raise AuditError('the app has no window')
        windows = [bus.extents(b, p) for b, p in tops]
        main = next((w for w in windows if w and w[2] > 0), None)
        if main is None:
            raise AuditError('the app has no window on screen')
        self.window = main
        windows = [w if w and w[2] > 0 else main for w in windows]
        root = Node()
        root.path, root.role, root.name, root.desc = (), 'application', 'groupdesk', ''
        root.states, root.ext, root.parent, root.children, root.shown = set(), None, None, [], True
        root.acc = (name, '/org/a11y/atspi/accessible/root')
        self.nodes.append(root)
        found = bus.read(name, [p for _, p in tops], windows, self.nodes)
        for n in found:
            n.parent = root
            root.children.append(n)
        self.nodes.sort(key=lambda n: n.path)
        self.root = root
        for top, window in zip(root.children, windows):
            # Dialogs are windows of their own, at their own place: each is measured
            # against its own rectangle.
            mark_shown(top, window, self.hidden)
        return self

    def leave_out(self, hidden):
        """Decides again what is on screen, with the subtrees at @hidden off it."""
        self.hidden = list(hidden)
        for n in self.nodes:
            n.shown = False
        self.root.shown = True
        for top in self.root.children:
            window = top.ext if top.ext and top.ext[2] > 0 else self.window
            mark_shown(top, window, self.hidden)
        return self

    def page_node(self, page):
        """The page's own widget (DeskXxxPage for @page), the child of its page in the
        window's stack; None when the window shows another page."""
        type_name = 'Desk' + page.capitalize() + 'Page'
        for n in self.nodes:
            if n.shown and n.name == type_name:
                return n
        # Once a page is named: the child of the stack page titled like the page.
        title = TITLES.get(page)
        for n in self.nodes:
            if n.ext is None and title and n.name == title:
                for c in n.children:
                    if c.shown:
                        return c
        return None

    def by_path(self, path):
        for n in self.nodes:
            if n.path == path:
                return n
        return None

    def tabs(self, under):
        return [n for n in self.nodes if n.role == 'page tab' and n.shown and inside(n, under)]

    def sidebar(self):
        """The GtkListBox whose rows are the pages."""
        for n in self.nodes:
            if n.role == 'list' and n.children and all(c.role == 'list item' for c in n.children):
                names = {row_title(c) for c in n.children}
                if len(names & set(TITLES.values())) >= 3:
                    return n
        return None


# The pages' titles as the app shows them in the language audited.
TITLES = {}


def row_title(row):
    if row.name and not unnamed(row.name):
        return row.name
    if row.desc:
        return row.desc
    stack = list(row.children)
    while stack:
        c = stack.pop(0)
        if c.role == 'label' and c.name:
            return c.name
        stack.extend(c.children)
    return ''


def cpu_ticks(pid):
    try:
        with open(f'/proc/{pid}/stat', encoding='ascii') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(app, quiet=0.35, limit=10.0):
    """Waits until the app (all its threads) used no CPU for @quiet seconds: its lists
    have filled from their workers and it has laid out and drawn what it shows. Reading
    the tree then gives the same answer every time, at the cost of one read."""
    start = time.monotonic()
    deadline = start + limit
    last, since = cpu_ticks(app.proc.pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu_ticks(app.proc.pid)
        if now is None:
            return
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    if DEBUG:
        say(f'  idle after {time.monotonic() - start:.2f} s')


def settle(app, page, hidden=(), timeout=10.0):
    """Reads the app once it is idle and shows a page (@page, or another one)."""
    app.find()
    deadline = time.monotonic() + timeout
    view = None
    while True:
        wait_idle(app)
        view = View(app)
        view.hidden = list(hidden)
        t = time.monotonic()
        view.read()
        if DEBUG:
            say(f'  read {len(view.nodes)} in {time.monotonic() - t:.2f} s')
        if view.page_node(page) is not None or time.monotonic() > deadline:
            return view
        if any(n.shown and re.match(r'^Desk\w+Page$', n.name) for n in view.nodes):
            return view
        time.sleep(0.3)


def section_stacks(view, page, tabs):
    """Rule 4: the nodes that may be the section stack — one child per tab, only the
    selected tab's child ever allocated. A box of the page with a hidden banner beside
    its content looks the same at first; section_stack_after tells them apart."""
    k = len(tabs)
    selected = [i for i, t in enumerate(tabs) if 'selected' in t.states or 'pressed' in t.states]
    sel = selected[0] if selected else 0
    out = []
    for n in view.nodes:
        if not inside(n, page) or len(n.children) != k or n.role == 'page tab list':
            continue
        if inside(n, tabs[0]):
            continue
        flags = [sized(c) for c in n.children]
        if flags[sel] and sum(flags) == 1:
            out.append(n.path)
    return sel, out


def section_stack_after(view, candidates, sel, k):
    """The section stack once section @k is shown: its child @k is now allocated and the
    section shown before keeps its (stale) rectangle. The outermost such node: a list's
    own stack (rows or "nothing yet") is inside a section."""
    best = None
    for path in candidates:
        n = view.by_path(path)
        if n is None or len(n.children) <= max(k, sel):
            continue
        if sized(n.children[k]) and sized(n.children[sel]):
            if best is None or len(n.path) < len(best.path):
                best = n
    return best


def click(ext, double=False):
    x, y = ext[0] + ext[2] // 2, ext[1] + ext[3] // 2
    if double:
        xdo('mousemove', x, y, 'click', '--repeat', 2, '--delay', 80, 1)
    else:
        xdo('mousemove', x, y, 'click', 1)
    time.sleep(0.2)
    xdo('mousemove', 5, 5)


def first_row(view, scope):
    """The first data row of the largest list shown under @scope."""
    lists = {}
    for n in view.nodes:
        # A column view's header row is the tree table's own child; its rows are its
        # list's (a header row may be named now, so its name does not tell).
        if n.shown and n.role == 'table row' and inside(n, scope) and n.parent is not None \
                and n.parent.role in ('list', 'table') \
                and not any(c.name == 'GtkColumnViewTitle' for c in n.children):
            lists.setdefault(n.parent.path, []).append(n)
        elif n.shown and n.role == 'list item' and inside(n, scope) and n.parent is not None \
                and n.parent.role == 'list':
            lists.setdefault(n.parent.path, []).append(n)
    if not lists:
        return None
    rows = max(lists.values(), key=len)
    return rows[0]


# ---------------------------------------------------------------------------------------
# The Tab walk.

class FocusWatch:
    def __init__(self):
        self.events = []
        pyatspi.Registry.registerEventListener(self.on_event, 'object:state-changed:focused')

    def on_event(self, event):
        if event.detail1 == 1:
            self.events.append(event.source)

    def pump(self, seconds):
        from gi.repository import GLib
        ctx = GLib.MainContext.default()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            while ctx.pending():
                ctx.iteration(False)
            if self.events:
                # Let the burst of one key press arrive, keep the last.
                t = time.monotonic() + 0.05
                while time.monotonic() < t:
                    while ctx.pending():
                        ctx.iteration(False)
                    time.sleep(0.01)
                return self.events[-1]
            time.sleep(0.01)
        return None

    def close(self):
        try:
            pyatspi.Registry.deregisterEventListener(self.on_event, 'object:state-changed:focused')
        except Exception:
            pass


def acc_key(acc):
    """An accessible's object path (one app on the bus)."""
    if isinstance(acc, tuple):
        return acc[1]
    try:
        return acc.path
    except Exception:
        return id(acc)


def group_of(acc, sidebar_key):
    """The list a stop is in: the stop itself when it is the list, else its nearest list,
    table or tree table ancestor."""
    p = acc
    for _ in range(13):
        try:
            role = p.getRoleName()
        except Exception:
            return None
        if role in ('list', 'tree table', 'table', 'tree'):
            key = acc_key(p)
            if key == sidebar_key:
                return 'sidebar'
            return key
        if role in ('frame', 'application'):
            return None
        try:
            p = p.parent
        except Exception:
            return None
        if p is None:
            return None
    return None


def sidebar_selected(view_sidebar):
    if view_sidebar is None:
        return None
    for row in view_sidebar.children:
        try:
            if 'selected' in BUS.state(*row.acc):
                return row_title(row)
        except Exception:
            pass
    return None


def tab_walk(app, view, watch):
    xid = app.xid()
    if xid:
        xdo('windowfocus', '--sync', xid)
    xdo('mousemove', 5, 5)
    sidebar = view.sidebar()
    sidebar_key = acc_key(sidebar.acc) if sidebar is not None else None
    selected_before = sidebar_selected(sidebar)
    start = None
    for n in view.nodes:
        if 'focused' in n.states and n.shown:
            start = n
    start_key = acc_key(start.acc) if start is not None else None
    stops = []
    selections = set()
    seen = {}
    cycle_from = 0
    watch.events.clear()
    for i in range(TAB_CAP):
        watch.events.clear()
        xdo('key', 'Tab')
        acc = watch.pump(1.0)
        if acc is None:
            stops.append({'role': '?', 'name': '', 'silent': True, 'group': None,
                          'note': 'no focus event'})
            # Focus went where AT-SPI does not follow, for good: stop walking.
            if len(stops) >= 8 and all(s['role'] == '?' for s in stops[-8:]):
                break
            continue
        key = acc_key(acc)
        if start_key is None:
            start_key = key
        if key == start_key and stops:
            break
        # Focus came back to a stop it had already made: one cycle is done (the start
        # itself may not come back when Tab moved the sidebar's selection).
        if key in seen:
            cycle_from = seen[key]
            break
        seen[key] = len(stops)
        try:
            role, name = acc.getRoleName(), acc.name or ''
        except Exception:
            role, name = 'gone', ''
        group = group_of(acc, sidebar_key)
        stops.append({'role': role, 'name': name, 'silent': unnamed(name) is not None,
                      'group': group})
        sel = sidebar_selected(sidebar)
        if sel is not None:
            selections.add(sel)
    returned = len(stops) < TAB_CAP
    stops = stops[cycle_from:]
    groups = {}
    for s in stops:
        if s['group'] not in (None, 'sidebar'):
            groups[s['group']] = groups.get(s['group'], 0) + 1
    selected_after = sidebar_selected(sidebar)
    moved = bool(selections - {selected_before}) or selected_after != selected_before
    return {
        'stops': len(stops),
        'silent': sum(1 for s in stops if s['silent']),
        'largest_list': max(groups.values()) if groups else 0,
        'sidebar_stops': sum(1 for s in stops if s['group'] == 'sidebar'),
        'returned_to_start': returned,
        'sidebar_on_screen': sidebar is not None,
        'sidebar_selected_before': selected_before,
        'sidebar_selected_after': selected_after,
        'sidebar_selection_moved': moved,
        'stop_list': [{'role': s['role'], 'name': s['name'], 'silent': s['silent'],
                       'in_list': s['group'] not in (None, 'sidebar'),
                       'in_sidebar': s['group'] == 'sidebar'} for s in stops],
    }


# ---------------------------------------------------------------------------------------
# Window sizes.

def leaflet_state(leaf, window_acc, side_index):
    """(window width, window height, sidebar width on screen) read straight from the
    window, the leaflet and its children: a folded leaflet shows one child over its
    whole width."""
    win = BUS.extents(*window_acc)
    lext = BUS.extents(*leaf.acc)
    kids = [BUS.extents(*c.acc) for c in leaf.children]
    if not win or not lext or side_index >= len(kids) or not kids[side_index]:
        return None
    cover = [i for i, k in enumerate(kids) if k and k[0] <= lext[0] and k[2] >= lext[2] and k[2] > 0]
    side = kids[side_index]
    if cover and side_index not in cover:
        width = 0
    else:
        width = max(0, min(side[0] + side[2], win[0] + win[2]) - max(side[0], win[0]))
    return (win[2], win[3], width)


def measure_sizes(app, view):
    """Rule 3 at the default size, 1024×600 and 900×700: the sidebar's width on screen."""
    out = []
    leaf = next((n for n in view.nodes if n.name == 'AdwLeaflet' and n.shown), None)
    if leaf is None:
        return [{'size': 'default', 'window': None, 'sidebar_width': None,
                 'note': 'no AdwLeaflet on screen'}]
    side_index = 0
    sb = view.sidebar()
    if sb is not None:
        for i, c in enumerate(leaf.children):
            if inside(sb, c):
                side_index = i
    xid = app.xid()
    # Without a compositor GTK keeps a resize border inside its X window (1100×720 asked
    # gives a 1090×710 window): the X window is made larger by that border, so that the
    # window itself — what a user calls its size — is 1024×600 or 900×700.
    margin = (0, 0)
    if xid:
        geo = re.search(r'Geometry: (\d+)x(\d+)', run_out(['xdotool', 'getwindowgeometry', xid]))
        frame = BUS.extents(*view.root.children[0].acc)
        if geo and frame:
            margin = (max(0, int(geo.group(1)) - frame[2]), max(0, int(geo.group(2)) - frame[3]))
    for width, height in SIZES:
        label = 'default' if width is None else f'{width}×{height}'
        if width is not None:
            if not xid:
                out.append({'size': label, 'window': None, 'sidebar_width': None,
                            'note': 'no X window found'})
                continue
            xdo('windowsize', xid, width + margin[0], height + margin[1])
        # Until two reads agree: the window lays out at its next frame.
        state, last = None, None
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            time.sleep(0.4)
            try:
                state = leaflet_state(leaf, view.root.children[0].acc, side_index)
            except Exception:
                state = None
            if state is not None and state == last:
                break
            last = state
        out.append({'size': label,
                    'window': f'{state[0]}×{state[1]}' if state else None,
                    'sidebar_width': state[2] if state else None})
    return out


# ---------------------------------------------------------------------------------------
# The audit of one page.

def page_scope(view, name):
    page = view.page_node(name)
    if page is None:
        return None, None
    return page, (lambda n: inside(n, page))


def audit_page(opts, name, title, watch):
    rows = []
    info = {'page': name, 'title': title}
    app = App(opts, name)
    try:
        view = settle(app, name)
        page, scope = page_scope(view, name)
        if page is None:
            app.close()
            return None, None
        # Rows outside any page: the window's own (sidebar, header bar, banners).
        if name == opts.pages[0][0]:
            c = count(view.nodes, lambda n: not inside(n, page))
            rows.append(dict(c, view='Window (sidebar, header bar)'))
        tabs = view.tabs(page)
        section_names = [t.name or t.desc for t in tabs]
        info['sections'] = section_names
        sel, stack_paths = section_stacks(view, page, tabs) if tabs else (0, [])
        if DEBUG:
            say(f'  sections {section_names}, their stack one of {stack_paths}')
        first = f'{title} › {section_names[0]}' if section_names else title
        c = count(view.nodes, scope)
        rows.append(dict(c, view=first))
        if opts.tab:
            walk = tab_walk(app, view, watch)
            rows[-1]['tab'] = walk
        if opts.sizes:
            info['sizes'] = measure_sizes(app, view)
    finally:
        app.close()

    sections = list(range(len(tabs))) if tabs else [None]
    for k in sections:
        label = f'{title} › {section_names[k]}' if k is not None else title
        if k is not None and k > 0:
            app = App(opts, name)
            try:
                view = settle(app, name)
                page, scope = page_scope(view, name)
                tabs_now = view.tabs(page)
                if k < len(tabs_now):
                    # A click the window missed (it was still settling) is clicked again.
                    for attempt in range(4):
                        click(tabs_now[k].ext)
                        time.sleep(0.25)
                        wait_idle(app)
                        if BUS.state(*tabs_now[k].acc) & {'selected', 'pressed'}:
                            break
                    else:
                        raise AuditError(f'the section {section_names[k]} could not be shown')
                view = settle(app, name)
                stack = section_stack_after(view, stack_paths, sel, k)
                hidden = [c.path for i, c in enumerate(stack.children) if i != k] if stack else []
                if DEBUG:
                    say(f'  section {k}: left out {hidden}')
                view.leave_out(hidden)
                page, scope = page_scope(view, name)
                c = count(view.nodes, scope)
                if stack is None:
                    c['note'] = 'sections not told apart: stale elements of the first may count'
                    info.setdefault('errors', []).append(f'{label}: its section stack was not found')
                rows.append(dict(c, view=label))
                editor_row(opts, app, view, page, hidden, name, label, rows)
            except AuditError as e:
                info.setdefault('errors', []).append(f'{label}: {e}')
            finally:
                app.close()
        elif opts.editors:
            app = App(opts, name)
            try:
                view = settle(app, name)
                page, scope = page_scope(view, name)
                editor_row(opts, app, view, page, [], name, label, rows)
            except AuditError as e:
                info.setdefault('errors', []).append(f'{label}: {e}')
            finally:
                app.close()
    return rows, info


def editor_row(opts, app, view, page, hidden, name, label, rows):
    if not opts.editors or page is None:
        return
    row = first_row(view, page)
    if row is None or not row.ext:
        return
    before = {n.path for n in view.nodes if n.shown}
    # The editor opens beside the list; a double click the window missed is made again.
    for attempt in range(3):
        click(row.ext, double=True)
        time.sleep(0.25)
        after = settle(app, name, hidden)
        if sum(1 for n in after.nodes if n.shown and n.path not in before) > 5:
            break
    page2 = after.page_node(name)
    new = lambda n: n.path not in before and (page2 is None or inside(n, page2) or n.path[0] != 0)
    c = count(after.nodes, new)
    if c['interactive'] == 0:
        return
    rows.append(dict(c, view=f'{label} › editor'))


# ---------------------------------------------------------------------------------------
# Output.

def table(rows):
    head = ['page / section', 'interactive', 'unnamed', 'doubled', 'tab stops',
            'silent stops', 'largest list', 'header fillers', 'column headers', 'drawn w/o desc']
    lines = []
    data = []
    for r in rows:
        t = r.get('tab')
        data.append([r['view'], str(r['interactive']), str(r['unnamed']), str(r['doubled']),
                     str(t['stops']) if t else '–', str(t['silent']) if t else '–',
                     str(t['largest_list']) if t else '–', str(r['header_fillers']),
                     str(r['column_headers']), f"{r['drawn_undescribed']}/{r['drawn']}"])
    # Chinese characters take two columns of a terminal.
    def cols(text):
        return sum(2 if unicodedata.east_asian_width(ch) in 'WF' else 1 for ch in text)

    def pad(text, width, left):
        fill = ' ' * (width - cols(text))
        return text + fill if left else fill + text

    widths = [max(cols(h), *(cols(d[i]) for d in data)) if data else cols(h)
              for i, h in enumerate(head)]
    fmt = lambda cells: ' | '.join(pad(c, widths[i], i == 0) for i, c in enumerate(cells))
    lines.append(fmt(head))
    lines.append('-+-'.join('-' * w for w in widths))
    for d in data:
        lines.append(fmt(d))
    return '\n'.join(lines)


def report(result):
    out = []
    out.append(f"Groupdesk accessibility audit — {result['lang']} — {result['date']}")
    out.append(f"(build {result['build']}, {result['seconds']:.0f} s; rules in build-aux/a11y-audit.py)")
    out.append('')
    out.append(table(result['rows']))
    tot = result['totals']
    out.append('')
    out.append(f"Total: {tot['interactive']} interactive, {tot['unnamed']} unnamed, "
               f"{tot['doubled']} doubled, {tot['silent']} silent Tab stops, "
               f"{tot['drawn_undescribed']} drawn widgets without a description")
    if tot.get('combo_inner'):
        out.append(f"Not counted: {tot['combo_inner']} focusable rows inside focusable combo "
                   f"boxes (an AdwComboRow's value; Tab stops at the combo box)")
    walks = [(r['view'], r['tab']) for r in result['rows'] if r.get('tab')]
    if walks:
        out.append('')
        out.append('Tab walk:')
        for view, t in walks:
            if not t['sidebar_on_screen']:
                side = 'sidebar not on screen'
            else:
                side = (f"sidebar selection {'MOVED' if t['sidebar_selection_moved'] else 'kept'} "
                        f"({t['sidebar_selected_before'] or 'no row selected'} → "
                        f"{t['sidebar_selected_after'] or 'no row selected'})")
            back = '' if t['returned_to_start'] else f' (stopped at {TAB_CAP} without coming back)'
            out.append(f"  {view}: {t['stops']} stops{back}, {t['silent']} silent, "
                       f"{t['sidebar_stops']} in the sidebar, largest list {t['largest_list']}; {side}")
    if result.get('sizes'):
        out.append('')
        out.append('Sidebar on screen (width in px; 0 = folded away):')
        for page, sizes in result['sizes'].items():
            cells = ', '.join(f"{s['size']}: {s['sidebar_width']}"
                              + (f" (window {s['window']})" if s.get('window') else '')
                              for s in sizes)
            out.append(f'  {page}: {cells}')
    out.append('')
    out.append('Every unnamed or doubled element, and drawn widgets without a description:')
    for r in result['rows']:
        if not r['problems']:
            continue
        out.append(f"  {r['view']}:")
        for p in r['problems']:
            out.append(f"    [{p['kind']}] {p['where']}")
    silent = [(r['view'], s) for r in result['rows'] if r.get('tab')
              for s in r['tab']['stop_list'] if s['silent']]
    if silent:
        out.append('')
        out.append('Silent Tab stops:')
        for view, s in silent:
            out.append(f"  {view}: {s['role']} “{s['name']}”")
    if result.get('errors'):
        out.append('')
        out.append('Could not audit:')
        for e in result['errors']:
            out.append(f'  {e}')
    return '\n'.join(out)


# ---------------------------------------------------------------------------------------

def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description='Audit Groupdesk with AT-SPI and xdotool.')
    ap.add_argument('--build', default=os.environ.get('GROUPDESK_BUILD_DIR', os.path.join(top, '_build')))
    ap.add_argument('--page', action='append', help='audit this page only (repeatable)')
    ap.add_argument('--lang', default='en', choices=['en', 'zh_CN'])
    ap.add_argument('--json', help='also write the results to this file')
    ap.add_argument('--output', help='also write the text report to this file')
    ap.add_argument('--fail-on-unnamed', action='store_true')
    ap.add_argument('--no-tab', dest='tab', action='store_false', help='skip the Tab walk')
    ap.add_argument('--no-sizes', dest='sizes', action='store_false', help='skip the window sizes')
    ap.add_argument('--no-editors', dest='editors', action='store_false', help='do not open editors')
    ap.add_argument('--timeout', type=int, default=DEFAULT_TIMEOUT, help='overall limit in seconds')
    ap.add_argument('--isolate', action='store_true', help='run in an Xvfb and D-Bus of its own')
    opts = ap.parse_args(argv)

    if (opts.isolate or not os.environ.get('DISPLAY')) and not os.environ.get('GROUPDESK_AUDIT_ISOLATED'):
        reexec_isolated(argv)

    global pyatspi
    try:
        import pyatspi  # noqa: F811 — only /usr/bin/python3 has it
    except ImportError:
        say('a11y-audit: SKIP: this Python has no pyatspi (Debian: python3-pyatspi, gir1.2-atspi-2.0)')
        return 77
    if shutil.which('xdotool') is None:
        say('a11y-audit: SKIP: xdotool is missing (Debian: xdotool)')
        return 77

    opts.build = os.path.abspath(opts.build)
    gui = os.path.join(opts.build, 'src', 'gui', 'groupdesk')
    cli = os.path.join(opts.build, 'src', 'cli', 'groupdesk-cli')
    for f in (gui, cli):
        if not os.access(f, os.X_OK):
            say(f'a11y-audit: {f} is not built (ninja -C {opts.build})')
            return 2
    known = dict(PAGES)
    if opts.page:
        bad = [p for p in opts.page if p.lower() not in known]
        if bad:
            say(f"a11y-audit: no page {', '.join(bad)}; pages: {', '.join(known)}")
            return 2
        opts.pages = [(p.lower(), known[p.lower()]) for p in opts.page]
    else:
        opts.pages = PAGES
    import gettext
    tr = gettext.translation('groupdesk', localedir=os.path.join(opts.build, 'po', 'locale'),
                             languages=[opts.lang], fallback=True)
    TITLES.update({name: tr.gettext(title) for name, title in PAGES})
    if opts.lang == 'zh_CN':
        opts.lang_env = {'LANGUAGE': 'zh_CN', 'LANG': 'zh_CN.UTF-8', 'LC_ALL': 'zh_CN.UTF-8'}
    else:
        opts.lang_env = {'LANGUAGE': 'en', 'LANG': 'en_US.UTF-8', 'LC_ALL': 'en_US.UTF-8'}

    def on_timeout(signum, frame):
        raise TimeoutError
    signal.signal(signal.SIGALRM, on_timeout)
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(2))
    signal.alarm(opts.timeout)
    atexit.register(close_all)

    work = tempfile.mkdtemp(prefix='groupdesk-audit-db-')
    atexit.register(shutil.rmtree, work, True)
    opts.db = os.path.join(work, 'sample.db')
    made = subprocess.run([cli, '--db', opts.db, 'demo'], capture_output=True, text=True,
                          env=dict(os.environ, GROUPDESK_DB='', **opts.lang_env))
    if made.returncode != 0:
        say(f'a11y-audit: the sample database could not be made: {made.stderr.strip()}')
        return 2

    started = time.monotonic()
    result = {'lang': opts.lang, 'date': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
              'build': opts.build, 'rows': [], 'sizes': {}, 'pages': [], 'errors': []}
    global BUS
    BUS = Bus()
    watch = FocusWatch()
    timed_out = False
    try:
        for name, title in opts.pages:
            say(f'a11y-audit: {title}')
            try:
                rows, info = audit_page(opts, name, title, watch)
            except AuditError as e:
                result['errors'].append(f'{title}: {e}')
                close_all()
                continue
            if rows is None:
                if name != 'groups':
                    result['errors'].append(f'{title}: the page was not shown')
                continue
            result['rows'].extend(rows)
            result['pages'].append(info)
            result['errors'].extend(info.get('errors', []))
            if info.get('sizes'):
                result['sizes'][title] = info['sizes']
    except TimeoutError:
        timed_out = True
        result['errors'].append(f'stopped after the overall limit of {opts.timeout} s')
    finally:
        signal.alarm(0)
        watch.close()
        close_all()
    result['seconds'] = time.monotonic() - started
    tot = {k: sum(r[k] for r in result['rows'])
           for k in ('interactive', 'unnamed', 'doubled', 'drawn_undescribed', 'combo_inner')}
    tot['silent'] = sum(r['tab']['silent'] for r in result['rows'] if r.get('tab'))
    result['totals'] = tot
    text = report(result)
    print(text)
    if opts.output:
        with open(opts.output, 'w', encoding='utf-8') as f:
            f.write(text + '\n')
    if opts.json:
        with open(opts.json, 'w', encoding='utf-8') as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
    if timed_out or (result['errors'] and not result['rows']):
        return 2
    # A gate cannot pass on an audit that left something out.
    if opts.fail_on_unnamed and result['errors']:
        return 2
    if opts.fail_on_unnamed and (tot['unnamed'] or tot['doubled'] or tot['silent']):
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
