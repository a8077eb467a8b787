// eventwire dashboard: one page over the HTTP API (and nothing else).
//
// Every view reads the same filters, which live in the URL query string, so a view can be
// shared or reloaded. Text from the data is only ever put in the page as text
// (textContent, createTextNode, setAttribute), never parsed as HTML.
//
// d3 and topojson-client are loaded as plain scripts from static/vendor/ (copied from npm
// packages by scripts/vendor-web.sh); they are read from `window` here.

const d3 = window.d3;
const topojson = window.topojson;

// Filters the API's event endpoints understand; the page sends exactly these.
const FILTER_KEYS = [
  "start", "end", "event_type", "quad", "actor", "actor_country", "actor_sector",
  "recipient", "recipient_country", "recipient_sector", "q", "bbox",
];
// Page settings kept in the URL beside the filters but never sent as filters.
const VIEW_DEFAULTS = { interval: "day", page_size: "50" };
const UPPERCASE_KEYS = new Set(["actor_country", "actor_sector", "recipient_country", "recipient_sector"]);

const QUADS = {
  1: "Verbal cooperation",
  2: "Material cooperation",
  3: "Verbal conflict",
  4: "Material conflict",
};
const SPAN_KINDS = {
  actor: "Actor",
  recipient: "Recipient",
  trigger: "Trigger (what happened)",
  place: "Place",
  date: "Date",
  quote: "Quote",
  speaker: "Speaker",
};
// Points the map asks the API for (its own query, not the table's pages).
const MAP_LIMIT = 500;
const MAP_MAX_PAGES = 4;
// A read token typed by the reader, kept for this browser tab only.
const TOKEN_KEY = "eventwire.token";

// ------------------------------------------------------------------ HTTP

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** GET `path` (relative to the page) with query `params`; the JSON body, or an ApiError
 * carrying the API's own `detail` message. Empty parameters are left out. */
async function api(path, params = {}, signal = undefined) {
  const url = new URL(path, document.baseURI);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let resp;
  try {
    resp = await fetch(url, { headers, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(`The server did not answer (${url.pathname}).`, 0);
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : `${resp.status} ${resp.statusText}`;
    throw new ApiError(detail, resp.status);
  }
  return body;
}

// ------------------------------------------------------------------ state in the URL

/** Filters and page settings read from a query string. */
function readState(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const k of FILTER_KEYS) {
    const v = (params.get(k) || "").trim();
    if (v) filters[k] = UPPERCASE_KEYS.has(k) ? v.toUpperCase() : v;
  }
  const view = {};
  for (const [k, d] of Object.entries(VIEW_DEFAULTS)) view[k] = params.get(k) || d;
  const sel = {
    event: params.get("event") || null,
    article: params.get("article") || null,
    at: parseAt(params.get("at")),
  };
  return { filters, view, sel };
}

function parseAt(s) {
  const m = /^(\d+)-(\d+)$/.exec(s || "");
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

function stateQuery(state) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (state.filters[k]) params.set(k, state.filters[k]);
  for (const [k, d] of Object.entries(VIEW_DEFAULTS)) if (state.view[k] && state.view[k] !== d) params.set(k, state.view[k]);
  if (state.sel.event) params.set("event", state.sel.event);
  if (state.sel.article) params.set("article", state.sel.article);
  if (state.sel.article && state.sel.at) params.set("at", `${state.sel.at.start}-${state.sel.at.end}`);
  const s = params.toString();
  return s ? `?${s}` : location.pathname;
}

// ------------------------------------------------------------------ small DOM helpers

/** An element with attributes and children (strings become text nodes, never HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function actorText(a) {
  if (!a) return "";
  const code = [a.country, a.sector].filter(Boolean).join(" ");
  return code ? `${a.name} (${code})` : a.name;
}

/** What a map point stands for, when it is not the place's own: the containing area's. */
function borrowedNote(loc) {
  return loc && loc.point === "parent" ? " (drawn at the point of the area that contains it)" : "";
}

function fmtIntensity(x) {
  return x === null || x === undefined ? "" : (x > 0 ? "+" : "") + Number(x).toFixed(1);
}

function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** The first and last day a timeline period covers: "2023-04-05", "2023-W14" or "2023-04". */
function periodRange(period) {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return [period, period];
  m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (m) {
    // ISO week 1 is the week holding 4 January; weeks start on Monday.
    const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
    const monday = new Date(jan4);
    monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7);
    const sunday = new Date(monday);
    sunday.setUTCDate(monday.getUTCDate() + 6);
    return [isoDay(monday), isoDay(sunday)];
  }
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
    return [`${period}-01`, isoDay(last)];
  }
  return [null, null];
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

/** Every day from `first` to `last` (ISO dates), or null when the range is too long to draw
 * one bar per day. */
function daysBetween(first, last, max = 400) {
  const out = [];
  const d = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (d <= end) {
    out.push(isoDay(d));
    if (out.length > max) return null;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

// ------------------------------------------------------------------ the dashboard

class Dashboard {
  constructor() {
    this.state = readState(location.search);
    this.form = document.getElementById("filters");
    this.errorBox = document.getElementById("error");
    this.tbody = document.querySelector("#events-table tbody");
    this.moreButton = document.getElementById("more-events");
    this.world = null; // country outlines, loaded once
    this.data = { timeline: [], mapEvents: [], dyads: [] };
    this.next = null; // the table's cursor
    this.rows = 0;
    this.loads = {}; // view -> AbortController of its request in flight
    this.mapZoom = null;
    this.mapTransform = d3.zoomIdentity;
    this.brushing = false;
    this.userZoomed = false;
  }

  async start() {
    this.buildStaticParts();
    this.fillForm();
    this.bindEvents();
    // Totals and look-up lists describe the whole store: loaded once, not per filter.
    await this.track(Promise.all([this.loadStats(), this.loadLookups(), this.refresh(), this.openSelection()]));
    document.body.dataset.ready = "true";
  }

  /** Mark the page busy until `work` settles: body[data-loading] is "true" while anything
   * the reader asked for is still loading (tests and assistive tools can wait on it). */
  async track(work) {
    this.pending = (this.pending || 0) + 1;
    document.body.dataset.loading = "true";
    try {
      return await work;
    } finally {
      this.pending -= 1;
      if (this.pending === 0) document.body.dataset.loading = "false";
    }
  }

  // -- static parts: legends, quad options
  buildStaticParts() {
    const quadSel = document.getElementById("f-quad");
    const legend = document.getElementById("quad-legend");
    for (const [q, name] of Object.entries(QUADS)) {
      quadSel.append(el("option", { value: q, text: `${q} ${name}` }));
      legend.append(el("span", {}, el("span", { class: `swatch q${q}`, "aria-hidden": "true" }), name));
    }
    const spans = document.querySelector("#article-view .span-legend");
    for (const [kind, name] of Object.entries(SPAN_KINDS)) {
      spans.append(el("li", {}, el("span", { class: "swatch", "data-kind": kind, "aria-hidden": "true" }), name));
    }
    const net = document.getElementById("network-legend");
    const bar = el("span", { class: "gradient-bar", "aria-hidden": "true" });
    // A CSS gradient set through the CSSOM (allowed by the page's style policy).
    const stops = d3.range(0, 1.0001, 0.1).map((t) => d3.interpolateRdBu(t)).join(", ");
    bar.style.backgroundImage = `linear-gradient(to right, ${stops})`;
    net.append(
      el("span", { text: "Edge colour: mean intensity −10" }), bar, el("span", { text: "+10" }),
      el("span", { text: "· width: events" }),
    );
  }

  fillForm() {
    for (const k of FILTER_KEYS) {
      const input = this.form.elements.namedItem(k);
      if (!input) continue;
      const v = this.state.filters[k] || "";
      if (input.tagName === "SELECT" && v && ![...input.options].some((o) => o.value === v)) {
        input.append(el("option", { value: v, text: v }));
      }
      input.value = v;
    }
    this.form.elements.namedItem("interval").value = this.state.view.interval;
  }

  readForm() {
    const filters = {};
    for (const k of FILTER_KEYS) {
      const input = this.form.elements.namedItem(k);
      const v = input ? input.value.trim() : "";
      if (v) filters[k] = UPPERCASE_KEYS.has(k) ? v.toUpperCase() : v;
    }
    return filters;
  }

  bindEvents() {
    const apply = () => this.setFilters(this.readForm(), this.form.elements.namedItem("interval").value);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      apply();
    });
    // Selects and dates apply at once; typed text applies on Enter, on leaving the field,
    // or after a pause in typing.
    this.form.addEventListener("change", apply);
    const typed = debounce(apply, 600);
    this.form.addEventListener("input", (e) => {
      if (e.target.matches("input[type=search], input[type=text]")) typed();
    });
    document.getElementById("reset-filters").addEventListener("click", () => {
      this.form.reset();
      this.setFilters({}, VIEW_DEFAULTS.interval);
    });
    this.moreButton.addEventListener("click", () => this.track(this.loadEvents(false)));
    window.addEventListener("popstate", () => {
      this.state = readState(location.search);
      this.fillForm();
      this.refresh();
      this.track(this.openSelection());
    });
    document.querySelectorAll("#details .close").forEach((b) =>
      b.addEventListener("click", () => {
        if (b.dataset.close === "event") this.select({ event: null });
        else this.select({ article: null, at: null });
      }),
    );
    document.getElementById("token-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const form = e.target;
      sessionStorage.setItem(TOKEN_KEY, form.elements.namedItem("token").value.trim());
      form.reset();
      form.hidden = true;
      this.loadStats();
      this.loadLookups();
      this.refresh();
      this.track(this.openSelection());
    });
    document.getElementById("map-select-area").addEventListener("click", () => this.toggleBrush());
    document.getElementById("map-clear-area").addEventListener("click", () => {
      const f = { ...this.state.filters };
      delete f.bbox;
      this.setFilters(f, this.state.view.interval);
    });
    document.getElementById("map-fit").addEventListener("click", () => this.fitMap(true));
    const rerender = debounce(() => {
      this.renderTimeline();
      this.renderMap();
      this.renderNetwork();
    }, 150);
    let lastWidth = window.innerWidth;
    window.addEventListener("resize", () => {
      if (window.innerWidth !== lastWidth) {
        lastWidth = window.innerWidth;
        rerender();
      }
    });
  }

  /** New filters (and timeline step): URL first, then every view. */
  setFilters(filters, interval) {
    const view = { ...this.state.view, interval: interval || VIEW_DEFAULTS.interval };
    const same =
      JSON.stringify(filters) === JSON.stringify(this.state.filters) && view.interval === this.state.view.interval;
    if (same) return;
    this.state = { ...this.state, filters, view };
    history.pushState(null, "", stateQuery(this.state));
    this.fillForm();
    this.refresh();
  }

  /** Open or close the event detail and the article view, and record it in the URL. */
  select(change) {
    this.state = { ...this.state, sel: { ...this.state.sel, ...change } };
    history.pushState(null, "", stateQuery(this.state));
    return this.track(this.openSelection(change));
  }

  askToken() {
    const form = document.getElementById("token-form");
    if (!form.hidden) return;
    form.hidden = false;
    form.elements.namedItem("token").focus();
  }

  showError(message) {
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
  }

  clearError() {
    this.errorBox.hidden = true;
    this.errorBox.textContent = "";
  }

  /** Run one view's request, cancelling the one it replaces; null when superseded. */
  async load(view, path, params) {
    if (this.loads[view]) this.loads[view].abort();
    const ctrl = new AbortController();
    this.loads[view] = ctrl;
    try {
      return await api(path, params, ctrl.signal);
    } catch (err) {
      if (err.name === "AbortError") return null;
      this.showError(err.message);
      if (err.status === 401) this.askToken();
      return null;
    } finally {
      if (this.loads[view] === ctrl) delete this.loads[view];
    }
  }

  refresh() {
    this.clearError();
    return this.track(Promise.all([this.loadEvents(true), this.loadTimeline(), this.loadMap(), this.loadNetwork()]));
  }

  // -- header and form look-ups
  async loadStats() {
    const s = await this.load("stats", "api/stats");
    if (!s) return;
    const span = s.first_date ? ` · ${s.first_date} to ${s.last_date}` : "";
    document.getElementById("stats").textContent =
      `${s.articles} articles · ${s.events} events · ${s.mentions} mentions · ${s.quotes} quotes${span}`;
    const sel = document.getElementById("f-event_type");
    const current = sel.value;
    sel.replaceChildren(el("option", { value: "", text: "any" }));
    const types = Object.entries(s.by_type || {}).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [t, n] of types) sel.append(el("option", { value: t, text: `${t} (${n})` }));
    if (current && !types.some(([t]) => t === current)) sel.append(el("option", { value: current, text: current }));
    sel.value = current;
  }

  async loadLookups() {
    const r = await this.load("actors", "api/actors", { limit: 500 });
    if (!r) return;
    const names = new Set(), countries = new Set(), sectors = new Set();
    for (const a of r.items) {
      if (a.name) names.add(a.name);
      if (a.country) countries.add(a.country);
      if (a.sector) sectors.add(a.sector);
    }
    const fill = (id, values) =>
      document.getElementById(id).replaceChildren(...[...values].sort().map((v) => el("option", { value: v })));
    fill("dl-actors", names);
    fill("dl-countries", countries);
    fill("dl-sectors", sectors);
  }

  // -- table
  async loadEvents(reset) {
    const params = { ...this.state.filters, limit: this.state.view.page_size };
    if (!reset) {
      if (!this.next) return;
      params.cursor = this.next;
    }
    const table = document.getElementById("events-table");
    table.setAttribute("aria-busy", "true");
    const page = await this.load("events", "api/events", params);
    table.setAttribute("aria-busy", "false");
    if (!page) return;
    if (reset) {
      this.tbody.replaceChildren();
      this.rows = 0;
    }
    for (const ev of page.items) this.tbody.append(this.eventRow(ev));
    this.rows += page.items.length;
    this.next = page.next;
    this.moreButton.hidden = !page.next;
    document.getElementById("events-empty").hidden = this.rows > 0;
    document.getElementById("events-count").textContent = page.next ? `(${this.rows} shown, more available)` : `(${this.rows})`;
    this.markSelectedRow();
  }

  eventRow(ev) {
    const tr = el("tr", { tabindex: "0", "data-event-id": ev.id });
    const who = (a) => (a ? [el("span", { text: a.name }), " ", el("span", { class: "code", text: [a.country, a.sector].filter(Boolean).join(" ") })] : []);
    const place = ev.location ? [ev.location.name || "", ev.location.country ? ` (${ev.location.country})` : ""].join("") : "";
    const flags = [ev.negated ? "negated" : null, ev.modality && ev.modality !== "asserted" ? ev.modality : null].filter(Boolean);
    tr.append(
      el("td", { class: "date", text: ev.date || "" }),
      el("td", { class: "type" },
        el("span", { class: `type-chip q${ev.quad}`, title: `${QUADS[ev.quad] || ""}, intensity ${fmtIntensity(ev.intensity)}`, text: ev.event_type }),
        ev.mode ? el("span", { class: "code", text: ` ${ev.mode}` }) : null,
        flags.length ? el("span", { class: "code", text: ` (${flags.join(", ")})` }) : null),
      el("td", { class: "actor" }, ...who(ev.actor)),
      el("td", { class: "recipient" }, ...who(ev.recipient)),
      el("td", { class: "place", text: place }),
      el("td", { class: "mentions", text: `${ev.mentions} / ${ev.sources}` }),
      el("td", { class: "evidence" }, el("span", { text: ev.evidence ? ev.evidence.text : "" })),
    );
    const open = () => this.select({ event: ev.id });
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open().then(() => document.getElementById("event-detail").focus());
      }
    });
    return tr;
  }

  markSelectedRow() {
    for (const tr of this.tbody.rows) {
      if (tr.dataset.eventId === this.state.sel.event) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    }
    d3.selectAll("#map circle.event").classed("selected", (d) => d && d.id === this.state.sel.event);
  }

  // -- timeline
  async loadTimeline() {
    const r = await this.load("timeline", "api/timeline", { ...this.state.filters, interval: this.state.view.interval });
    if (!r) return;
    this.data.timeline = r.items;
    this.renderTimeline();
  }

  renderTimeline() {
    const box = document.querySelector("#timeline .chart");
    const items = this.data.timeline;
    box.dataset.state = "ready";
    const width = Math.max(320, box.clientWidth || 800);
    const height = 180;
    const m = { top: 8, right: 10, bottom: 24, left: 34 };
    const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img")
      .attr("aria-label", `Events per ${this.state.view.interval} by quad`);
    let periods = [...new Set(items.map((d) => d.period))].sort();
    if (this.state.view.interval === "day" && periods.length > 1) {
      periods = daysBetween(periods[0], periods[periods.length - 1]) || periods;
    }
    const byPeriod = new Map(periods.map((p) => [p, { period: p, 1: 0, 2: 0, 3: 0, 4: 0 }]));
    for (const d of items) if (byPeriod.has(d.period)) byPeriod.get(d.period)[d.quad] += d.events;
    const rows = [...byPeriod.values()];
    const stack = d3.stack().keys([1, 2, 3, 4])(rows);
    // Bars no wider than ~50 px: a few days should not look like a wall.
    const right = Math.min(width - m.right, m.left + periods.length * 56 + 8);
    const x = d3.scaleBand().domain(periods).range([m.left, right]).paddingInner(0.15).paddingOuter(0.05);
    const top = d3.max(rows, (r) => r[1] + r[2] + r[3] + r[4]) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - m.bottom, m.top]);
    const every = Math.max(1, Math.ceil(periods.length / Math.floor((width - m.left) / 80)));
    svg.append("g").attr("class", "axis x").attr("transform", `translate(0,${height - m.bottom})`)
      .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0)).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y").attr("transform", `translate(${m.left},0)`)
      .call(d3.axisLeft(y).ticks(Math.min(5, top)).tickFormat(d3.format("d")));
    const layers = svg.append("g").attr("class", "bars");
    for (const layer of stack) {
      const q = layer.key;
      layers.selectAll(null).data(layer.filter((s) => s[1] > s[0])).join("rect")
        .attr("class", `bar q${q}`)
        .attr("data-quad", q)
        .attr("data-period", (s) => s.data.period)
        .attr("data-events", (s) => s[1] - s[0])
        .attr("x", (s) => x(s.data.period))
        .attr("width", x.bandwidth())
        .attr("y", (s) => y(s[1]))
        .attr("height", (s) => Math.max(1, y(s[0]) - y(s[1])))
        .on("click", (_, s) => {
          const [start, end] = periodRange(s.data.period);
          if (start) this.setFilters({ ...this.state.filters, start, end }, this.state.view.interval);
        })
        .append("title").text((s) => `${s.data.period}: ${s[1] - s[0]} ${QUADS[q].toLowerCase()} events (click to filter)`);
    }
    if (!items.length) {
      svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
        .attr("class", "empty").text("No events");
    }
    box.replaceChildren(svg.node());
  }

  // -- map
  async loadMap() {
    const worldReady = this.world ? Promise.resolve() : this.loadWorld();
    const events = [];
    let params = { ...this.state.filters, limit: MAP_LIMIT };
    let ok = true;
    for (let i = 0; i < MAP_MAX_PAGES; i++) {
      const page = await this.load("map", "api/events", params);
      if (!page) {
        ok = false;
        break;
      }
      events.push(...page.items);
      if (!page.next) break;
      params = { ...params, cursor: page.next };
    }
    await worldReady;
    if (!ok) return;
    this.data.mapEvents = events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null && e.location.lat !== undefined);
    const unplaced = events.length - this.data.mapEvents.length;
    document.getElementById("map-note").textContent =
      `${this.data.mapEvents.length} events with coordinates` + (unplaced ? `; ${unplaced} without a place are not drawn` : "");
    this.renderMap();
    this.fitMap(false);
  }

  async loadWorld() {
    try {
      const topo = await api("static/vendor/countries-110m.json");
      this.world = topojson.feature(topo, topo.objects.countries);
    } catch (err) {
      this.showError(`Country outlines are missing (${err.message}); run scripts/vendor-web.sh.`);
      this.world = { type: "FeatureCollection", features: [] };
    }
  }

  renderMap() {
    if (!this.world) return;
    const box = document.querySelector("#map .chart");
    box.dataset.state = "ready";
    const width = Math.max(300, box.clientWidth || 600);
    const height = Math.round(width * 0.55);
    const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
    const path = d3.geoPath(projection);
    this.projection = projection;
    this.mapSize = [width, height];
    // A group, not an image: its points are buttons.
    const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "group")
      .attr("aria-label", "Map of event locations");
    const g = svg.append("g").attr("class", "zoom");
    g.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
    g.append("g").attr("class", "countries").selectAll("path").data(this.world.features).join("path")
      .attr("class", "country").attr("d", path)
      .append("title").text((f) => (f.properties && f.properties.name) || "");
    const bbox = parseBbox(this.state.filters.bbox);
    if (bbox) {
      const [x0, y0] = projection([bbox[0], bbox[3]]);
      const [x1, y1] = projection([bbox[2], bbox[1]]);
      g.append("rect").attr("class", "bbox").attr("x", Math.min(x0, x1)).attr("y", Math.min(y0, y1))
        .attr("width", Math.abs(x1 - x0)).attr("height", Math.abs(y1 - y0));
    }
    g.append("g").attr("class", "events").selectAll("circle").data(this.data.mapEvents).join("circle")
      // A place known only by its containing area's point (location.point "parent") is
      // drawn hollow: the point may lie outside the place.
      .attr("class", (d) => `event q${d.quad}${d.location.point === "parent" ? " borrowed" : ""}`)
      .attr("data-event-id", (d) => d.id)
      .attr("cx", (d) => projection([d.location.lon, d.location.lat])[0])
      .attr("cy", (d) => projection([d.location.lon, d.location.lat])[1])
      .attr("r", 4)
      .attr("tabindex", 0)
      .attr("role", "button")
      .attr("aria-label", (d) => `${d.event_type} at ${d.location.name || "unnamed place"}${borrowedNote(d.location)} on ${d.date || "unknown date"}`)
      .on("click", (_, d) => this.select({ event: d.id }))
      .on("keydown", (e, d) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          this.select({ event: d.id });
        }
      })
      .append("title").text((d) => `${d.date || ""} ${d.event_type}: ${actorText(d.actor) || "?"} → ${actorText(d.recipient) || "?"}, ${d.location.name || ""}${borrowedNote(d.location)}`);
    this.mapZoom = d3.zoom().scaleExtent([1, 40]).translateExtent([[0, 0], [width, height]])
      .filter((e) => !this.brushing && (!e.ctrlKey || e.type === "wheel") && !e.button)
      .on("zoom", (e) => {
        if (e.sourceEvent) this.userZoomed = true; // the reader moved the map: keep their view
        this.applyMapTransform(e.transform);
      });
    svg.call(this.mapZoom);
    this.mapSvg = svg;
    svg.call(this.mapZoom.transform, this.mapTransform);
    box.replaceChildren(svg.node());
    this.brushing = false;
    document.getElementById("map-select-area").setAttribute("aria-pressed", "false");
    this.markSelectedRow();
  }

  applyMapTransform(t) {
    this.mapTransform = t;
    this.mapSvg.select("g.zoom").attr("transform", t);
    // Points keep their size on screen whatever the zoom.
    this.mapSvg.selectAll("circle.event").attr("r", 4 / t.k);
  }

  /** Zoom to the drawn events (or the filter's area); `always` also when only one point. */
  fitMap(always) {
    if (!this.mapSvg || !this.projection) return;
    const [width, height] = this.mapSize;
    const pts = this.data.mapEvents.map((d) => this.projection([d.location.lon, d.location.lat]));
    const bbox = parseBbox(this.state.filters.bbox);
    if (bbox) pts.push(this.projection([bbox[0], bbox[1]]), this.projection([bbox[2], bbox[3]]));
    if (!pts.length) {
      if (always || !this.userZoomed) this.mapSvg.call(this.mapZoom.transform, d3.zoomIdentity);
      return;
    }
    if (!always && this.userZoomed) return;
    this.userZoomed = false;
    const [x0, x1] = d3.extent(pts, (p) => p[0]);
    const [y0, y1] = d3.extent(pts, (p) => p[1]);
    // At least ~a tenth of the world across, so a single point shows its region.
    const w = Math.max(x1 - x0, width / 10), h = Math.max(y1 - y0, height / 10);
    const k = Math.min(40, 0.8 / Math.max(w / width, h / height));
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    this.mapSvg.call(this.mapZoom.transform, d3.zoomIdentity.translate(width / 2 - k * cx, height / 2 - k * cy).scale(k));
  }

  toggleBrush() {
    if (!this.mapSvg) return;
    const button = document.getElementById("map-select-area");
    if (this.brushing) {
      this.mapSvg.select("g.brush").remove();
      this.brushing = false;
      button.setAttribute("aria-pressed", "false");
      return;
    }
    this.brushing = true;
    button.setAttribute("aria-pressed", "true");
    const [width, height] = this.mapSize;
    const brush = d3.brush().extent([[0, 0], [width, height]]).on("end", (e) => {
      if (!e.selection) return;
      const t = this.mapTransform;
      const [[sx0, sy0], [sx1, sy1]] = e.selection;
      const a = this.projection.invert(t.invert([sx0, sy1])); // south-west corner
      const b = this.projection.invert(t.invert([sx1, sy0])); // north-east corner
      if (!a || !b || a.some(Number.isNaN) || b.some(Number.isNaN)) return;
      const r = (v) => Math.round(v * 100) / 100;
      const bboxText = [r(a[0]), r(a[1]), r(b[0]), r(b[1])].join(",");
      this.setFilters({ ...this.state.filters, bbox: bboxText }, this.state.view.interval);
    });
    this.mapSvg.append("g").attr("class", "brush").call(brush);
  }

  // -- network
  async loadNetwork() {
    const interval = ["day", "week", "month"].includes(this.state.view.interval) ? this.state.view.interval : "month";
    const r = await this.load("dyads", "api/dyads", { ...this.state.filters, interval });
    if (!r) return;
    this.data.dyads = r.items;
    this.renderNetwork();
  }

  renderNetwork() {
    const box = document.querySelector("#network .chart");
    box.dataset.state = "ready";
    const width = Math.max(300, box.clientWidth || 600);
    const height = Math.round(width * 0.55);
    const { nodes, links } = networkGraph(this.data.dyads);
    const svg = d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "group")
      .attr("aria-label", `Actor network: ${nodes.length} actors, ${links.length} dyads`);
    if (!nodes.length) {
      svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").text("No dyads");
      box.replaceChildren(svg.node());
      return;
    }
    // The layout runs to rest before drawing: the same data always gives the same picture.
    const radius = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.events) || 1]).range([4, 14]);
    // Repulsion shrinks as actors multiply, so a busy network still fits its box.
    const spread = Math.sqrt((width * height) / Math.max(nodes.length, 4));
    const sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.key).distance(Math.min(110, spread * 0.6)))
      .force("charge", d3.forceManyBody().strength(-Math.min(260, spread * 1.6)))
      .force("x", d3.forceX(width / 2).strength(0.08))
      .force("y", d3.forceY(height / 2).strength(0.12))
      .force("collide", d3.forceCollide((n) => radius(n.events) + 6))
      .stop();
    for (let i = 0; i < 300; i++) sim.tick();
    const pad = 18;
    for (const n of nodes) {
      n.x = Math.max(pad, Math.min(width - pad, n.x));
      n.y = Math.max(pad, Math.min(height - pad, n.y));
    }
    const colour = d3.scaleDiverging(d3.interpolateRdBu).domain([-10, 0, 10]).clamp(true);
    const stroke = d3.scaleSqrt().domain([1, d3.max(links, (l) => l.events) || 1]).range([1.5, 9]);
    svg.append("g").attr("class", "edges").selectAll("line").data(links).join("line")
      .attr("class", "edge")
      .attr("data-actor", (l) => l.source.name)
      .attr("data-recipient", (l) => l.target.name)
      .attr("data-events", (l) => l.events)
      .attr("data-intensity", (l) => l.mean_intensity.toFixed(2))
      .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
      .attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y)
      .attr("stroke", (l) => colour(l.mean_intensity))
      .attr("stroke-width", (l) => stroke(l.events))
      .append("title").text((l) => `${l.source.label} → ${l.target.label}: ${l.events} events, mean intensity ${fmtIntensity(l.mean_intensity)}`);
    const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
      .attr("class", "node")
      .attr("transform", (n) => `translate(${n.x},${n.y})`)
      .attr("tabindex", 0)
      .attr("role", "button")
      .attr("aria-label", (n) => `${n.label}: filter events by this actor`)
      .on("click", (_, n) => this.setFilters({ ...this.state.filters, actor: n.name }, this.state.view.interval))
      .on("keydown", (e, n) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          this.setFilters({ ...this.state.filters, actor: n.name }, this.state.view.interval);
        }
      });
    node.append("circle").attr("r", (n) => radius(n.events)).attr("data-actor", (n) => n.name);
    // Labels on the right of a node, or on its left in the right third so they stay inside.
    // A crowded network names only its busiest actors; every node keeps its tooltip.
    const labelled = new Set([...nodes].sort((a, b) => b.events - a.events).slice(0, 14).map((n) => n.key));
    node.filter((n) => labelled.has(n.key)).append("text")
      .attr("x", (n) => (n.x > width * 0.67 ? -1 : 1) * (radius(n.events) + 3))
      .attr("text-anchor", (n) => (n.x > width * 0.67 ? "end" : "start"))
      .attr("y", 3).text((n) => n.label);
    node.append("title").text((n) =>
      `${n.label}: ${n.asActor} as actor, ${n.asRecipient} as recipient` + (n.self ? `, ${n.self} within itself` : "") + " (click to filter)");
    box.replaceChildren(svg.node());
  }

  // -- event detail and article view
  async openSelection(change = null) {
    const sel = this.state.sel;
    this.markSelectedRow();
    const jobs = [];
    if (!change || "event" in change) jobs.push(this.showEvent(sel.event));
    if (!change || "article" in change || "at" in change) jobs.push(this.showArticle(sel.article, sel.at));
    await Promise.all(jobs);
    document.getElementById("details-hint").hidden = Boolean(sel.event || sel.article);
  }

  async showEvent(id) {
    const box = document.getElementById("event-detail");
    if (!id) {
      box.hidden = true;
      return;
    }
    const ev = await this.load("event", `api/events/${encodeURIComponent(id)}`);
    if (!ev || ev.id !== this.state.sel.event) return;
    document.getElementById("event-detail-h").textContent =
      `${ev.event_type}${ev.mode ? ` (${ev.mode})` : ""} · ${ev.date || "no date"}`;
    const facts = [
      ["Quad", `${ev.quad} ${QUADS[ev.quad] || ""}`],
      ["Intensity", fmtIntensity(ev.intensity)],
      ["Actor", actorText(ev.actor) || "—"],
      ["Recipient", actorText(ev.recipient) || "—"],
      ["Place", ev.location ? [ev.location.name, ev.location.admin1, ev.location.country].filter(Boolean).join(", ") : "—"],
      ["Date", ev.date ? `${ev.date} (${ev.date_precision || "day"})` : "—"],
      ["Status", [ev.negated ? "negated" : "not negated", ev.modality].join(", ")],
      ["Fatalities", ev.fatalities === null || ev.fatalities === undefined ? "—" : String(ev.fatalities)],
      ["Confidence", ev.confidence === null || ev.confidence === undefined ? "—" : Number(ev.confidence).toFixed(2)],
      ["Reported", `${plural(ev.mentions, "mention")} in ${plural(ev.sources, "source")}`],
      ["Id", ev.id],
    ];
    box.querySelector("dl.facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
    const list = box.querySelector("ol.mentions");
    list.replaceChildren(...(ev.mention_list || []).map((m, i) => this.mentionItem(m, i)));
    box.hidden = false;
  }

  mentionItem(m, i) {
    const ev = m.evidence;
    const quote = el("blockquote", { class: "evidence-inline" });
    // The trigger inside the evidence, when it lies there (offsets are into the article).
    const t = m.trigger;
    if (t && t.start >= ev.start && t.end <= ev.end) {
      quote.append(
        ev.text.slice(0, t.start - ev.start),
        el("span", { class: "trigger", title: "trigger", text: ev.text.slice(t.start - ev.start, t.end - ev.start) }),
        ev.text.slice(t.end - ev.start),
      );
    } else {
      quote.textContent = ev.text;
    }
    // Actors as this article named them ("the army"), beside what they were resolved to.
    const named = (a) => (a.text && a.text !== a.name ? `${actorText(a)} “${a.text}”` : actorText(a));
    const roles = [
      m.actor && m.actor.length ? `actor: ${m.actor.map(named).join("; ")}` : null,
      m.recipient && m.recipient.length ? `recipient: ${m.recipient.map(named).join("; ")}` : null,
      m.location ? `place: ${m.location.name || m.location.text}` : null,
      m.date_text ? `date: “${m.date_text}”` : null,
      m.attributed_to ? `according to: ${actorText(m.attributed_to)}` : null,
    ].filter(Boolean).join(" · ");
    const query = stateQuery({ ...this.state, sel: { ...this.state.sel, article: m.article_id, at: { start: ev.start, end: ev.end } } });
    const link = el("a", {
      class: "mention-link",
      href: query,
      "data-article-id": m.article_id,
      "data-start": ev.start,
      "data-end": ev.end,
      text: "Show in article",
    });
    link.addEventListener("click", (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return; // let the browser open a new tab
      e.preventDefault();
      this.select({ article: m.article_id, at: { start: ev.start, end: ev.end } });
    });
    return el("li", { "data-mention": i },
      el("div", {},
        el("strong", { text: m.article_title || m.article_id }),
        el("span", { class: "source", text: ` · ${[m.source, m.published].filter(Boolean).join(", ")}` })),
      quote,
      roles ? el("div", { class: "source", text: roles }) : null,
      link);
  }

  async showArticle(id, at) {
    const box = document.getElementById("article-view");
    if (!id) {
      box.hidden = true;
      return;
    }
    const art = await this.load("article", `api/articles/${encodeURIComponent(id)}`);
    if (!art || art.id !== this.state.sel.article) return;
    document.getElementById("article-h").textContent = art.title || "Untitled article";
    const meta = box.querySelector(".meta");
    meta.replaceChildren(
      [art.source, art.published, art.origin].filter(Boolean).join(" · "),
    );
    if (art.url && /^https?:\/\//i.test(art.url)) {
      // A plain link the reader may follow; the page itself never loads it.
      meta.append(" · ", el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank", text: "original" }));
    }
    const textBox = box.querySelector(".article-text");
    textBox.replaceChildren(renderSpans(art.text, art.spans || [], at, this.state.sel.event));
    box.hidden = false;
    const focus = textBox.querySelector(".evidence-focus");
    if (focus) {
      focus.scrollIntoView({ block: "center" });
    } else {
      textBox.scrollTop = 0;
    }
  }
}

function parseBbox(s) {
  if (!s) return null;
  const v = s.split(",").map((x) => Number(x.trim()));
  return v.length === 4 && v.every(Number.isFinite) ? v : null;
}

/** Nodes (actors) and links (actor -> recipient, summed over periods) from dyad items. */
function networkGraph(dyads) {
  const nodes = new Map();
  const links = new Map();
  const node = (name, country) => {
    const key = `${name}\u0000${country || ""}`;
    if (!nodes.has(key)) {
      nodes.set(key, { key, name, country, label: country ? `${name} (${country})` : name, events: 0, asActor: 0, asRecipient: 0, self: 0 });
    }
    return nodes.get(key);
  };
  for (const d of dyads) {
    if (!d.actor || !d.recipient) continue;
    const a = node(d.actor, d.actor_country);
    const r = node(d.recipient, d.recipient_country);
    a.events += d.events;
    if (a === r) {
      a.self += d.events;
      continue; // a loop has no line to draw; the node's tooltip counts it
    }
    r.events += d.events;
    a.asActor += d.events;
    r.asRecipient += d.events;
    const lk = `${a.key}\u0001${r.key}`;
    if (!links.has(lk)) links.set(lk, { source: a.key, target: r.key, events: 0, weighted: 0 });
    const l = links.get(lk);
    l.events += d.events;
    l.weighted += (d.mean_intensity || 0) * d.events;
  }
  const linkList = [...links.values()].map((l) => ({ ...l, mean_intensity: l.events ? l.weighted / l.events : 0 }));
  return { nodes: [...nodes.values()], links: linkList };
}

/**
 * The article text as a fragment, each span a <mark data-kind=...> with its label as a
 * tooltip. Spans nest (a trigger inside a quote); a span that crosses another's end is cut
 * in two at that point so the marks stay properly nested. `at` (the evidence of the
 * mention being read) is wrapped in an outlined span that the view scrolls to; spans of
 * `eventId` are underlined.
 */
function renderSpans(text, spans, at, eventId) {
  const items = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= text.length)
    .map((s) => ({ ...s }));
  if (at && at.start < at.end && at.end <= text.length) items.push({ start: at.start, end: at.end, kind: "evidence", label: "evidence of this mention" });
  // Longer spans first at the same start, so they become the outer element; the evidence
  // outline goes outermost of all.
  const order = (a, b) => a.start - b.start || b.end - a.end || (a.kind === "evidence" ? -1 : b.kind === "evidence" ? 1 : 0);
  items.sort(order);
  const root = document.createDocumentFragment();
  const stack = [{ node: root, end: text.length }];
  let pos = 0;
  const emitTo = (upto) => {
    if (upto > pos) {
      stack[stack.length - 1].node.append(document.createTextNode(text.slice(pos, upto)));
      pos = upto;
    }
  };
  const closeUntil = (upto) => {
    // Close every open span that ends at or before `upto`, writing the text up to its end.
    while (stack.length > 1 && stack[stack.length - 1].end <= upto) {
      emitTo(stack[stack.length - 1].end);
      stack.pop();
    }
  };
  const queue = items;
  while (queue.length) {
    const s = queue.shift();
    closeUntil(s.start);
    emitTo(s.start);
    const parentEnd = stack[stack.length - 1].end;
    let end = s.end;
    if (end > parentEnd) {
      // Crosses its parent's end: draw the part inside now, the rest as its own span later.
      queue.push({ ...s, start: parentEnd });
      queue.sort(order);
      end = parentEnd;
    }
    if (end <= s.start) continue;
    let node;
    if (s.kind === "evidence") {
      node = el("span", { class: "evidence-focus", title: s.label, tabindex: "-1" });
    } else {
      node = el("mark", { "data-kind": s.kind, title: s.label || s.kind });
      if (s.event_id) node.dataset.eventId = s.event_id;
      if (eventId && s.event_id === eventId) node.classList.add("current");
    }
    stack[stack.length - 1].node.append(node);
    stack.push({ node, end });
  }
  closeUntil(text.length);
  emitTo(text.length);
  return root;
}

// Scripts with `defer` run before this module, so d3 and topojson are there unless the
// vendored files are missing.
if (!d3 || !topojson) {
  const box = document.getElementById("error");
  box.textContent = "The dashboard's libraries did not load: run scripts/vendor-web.sh (make setup does) and reload.";
  box.hidden = false;
} else {
  new Dashboard().start();
}
