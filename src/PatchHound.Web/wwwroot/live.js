// Live updates over SignalR (docs/realtime.md, ADR 0008 "Live updates"). Loaded once by App.razor after
// lib/signalr/signalr.min.js: one connection per tab, kept across Blazor's enhanced navigation, which patches the
// page without re-running scripts; page elements are looked up again on every event and re-bound on "enhancedload".
const hubPath = "/hubs/notifications";
const firstStartRetries = [0, 2000, 5000, 10000, 30000];

let connection = null;

const kindWords = {
  SlaDueSoon: "SLA due soon",
  SlaBreached: "SLA breached",
  ApprovalExpired: "Approval expired",
  ApprovalDecided: "Approval decided",
  CaseAssigned: "Case assigned",
  CaseEscalated: "Case escalated",
  IngestionCompleted: "Ingestion completed",
  IngestionFailed: "Ingestion failed",
};

function signedIn() {
  return document.querySelector("[data-signed-in]") !== null;
}

/** The bell of the page's tenant; absent outside /t/{tenant}. */
function bell() {
  return document.querySelector("[data-bell]");
}

async function refreshBell() {
  const link = bell();
  if (!link) return;
  const response = await fetch(`/api/tenants/${encodeURIComponent(link.dataset.tenant)}/notifications/unread-count`, {
    headers: { accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok || bell() !== link) return;
  const { unread } = await response.json();
  const count = link.querySelector("[data-bell-count]");
  count.textContent = String(unread);
  count.hidden = unread === 0;
  link.setAttribute("aria-label", unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`);
  link.dataset.unread = String(unread);
}

function toast(text, href) {
  const region = document.getElementById("toasts");
  if (!region) return;
  const item = document.createElement("div");
  item.className = "toast";
  if (href) {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = text;
    item.append(link);
  } else {
    item.textContent = text;
  }
  region.append(item);
  setTimeout(() => item.remove(), 15000);
}

function notificationText(n) {
  const p = n.payload ?? {};
  const what = [p.title, p.vulnerabilityId].filter((v) => v).join(" · ");
  const count = typeof p.findingCount === "number" ? ` (${p.findingCount} findings)` : "";
  return `${kindWords[n.kind] ?? n.kind}${what ? ": " + what : ""}${count}`;
}

/** Pages that show live state opt in with data-live-reload="event names": they are fetched again, in place. */
function reloadIfShown(eventName) {
  const marker = document.querySelector("[data-live-reload]");
  if (!marker || !marker.dataset.liveReload.split(" ").includes(eventName)) return;
  window.Blazor?.navigateTo(location.pathname + location.search, { replaceHistoryEntry: true });
}

const runFields = ["status", "phase", "pagesDone", "recordsDone", "devicesSeen", "findingsSeen", "findingsNew",
  "findingsReopened", "findingsResolved", "attempts", "error"];

/** Every element showing this run (its row, its progress bar, its source's last-run cell) takes the new state. */
function updateRun(run) {
  const active = run.status === "Queued" || run.status === "Running";
  for (const element of document.querySelectorAll(`[data-run-id="${run.id}"], [data-source-run="${run.sourceId}"]`)) {
    element.dataset.status = run.status;
    for (const field of runFields) {
      for (const cell of element.querySelectorAll(`[data-field="${field}"]`)) {
        cell.textContent = run[field] ?? "";
      }
    }
    for (const bar of element.querySelectorAll("progress")) {
      if (active) bar.removeAttribute("value"); else bar.value = bar.max;
      bar.setAttribute("aria-valuetext", `${run.status}, ${run.recordsDone} records`);
    }
    for (const action of element.querySelectorAll("[data-while-active]")) {
      action.hidden = !active;
    }
  }
}

function build() {
  const built = new signalR.HubConnectionBuilder()
    .withUrl(hubPath)
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // Handlers return nothing: a returned value makes the client report a result the server does not expect.
  // The first "subscribed" of a connection follows the page it was started on, which is current; a later one follows
  // a reconnect, when events may have been missed. Reloading on the first would also wipe what a form post just
  // answered (a refusal's message) when the subscription lands after the post.
  let subscriptions = 0;
  built.on("subscribed", () => {
    refreshBell();
    if (subscriptions++ > 0) reloadIfShown("subscribed");
  });
  built.on("notification", (n) => {
    toast(notificationText(n), `/t/${n.tenantId}/notifications`);
    refreshBell();
    reloadIfShown("notification");
  });
  built.on("caseAssigned", (a) => {
    toast("A case was assigned to you", `/t/${a.tenantId}/cases/${a.caseId}`);
    reloadIfShown("caseAssigned");
  });
  built.on("ingestionRun", (run) => {
    updateRun(run);
  });
  return built;
}

/** withAutomaticReconnect does not retry a failed first start; this does, while the tab stays signed in. */
async function start() {
  connection = build();
  for (const delay of firstStartRetries) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!signedIn() || connection === null) return;
    try {
      await connection.start();
      document.documentElement.dataset.live = "connected";
      connection.onreconnecting(() => { document.documentElement.dataset.live = "reconnecting"; });
      connection.onreconnected(() => { document.documentElement.dataset.live = "connected"; });
      connection.onclose(() => { document.documentElement.dataset.live = "closed"; });
      return;
    } catch (error) {
      console.warn("Live updates: connection failed", error);
    }
  }
}

function bind() {
  if (signedIn()) {
    refreshBell();
    if (connection === null) start();
  } else if (connection !== null) {
    const stopping = connection;
    connection = null;
    stopping.stop();
  }
}

bind();
window.Blazor?.addEventListener?.("enhancedload", bind);
