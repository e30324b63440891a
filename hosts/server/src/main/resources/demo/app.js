// The demo page: plain browser JavaScript against the server's own API, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const USERS_PAGE_SIZE = 5;
const numbers = new Intl.NumberFormat("en");

let session = null;

// ---------- Talking to the API ----------

/** A refusal the page can show: the server's message and, when one input is at fault, its field. */
class Problem extends Error {
  constructor(message, field, status) {
    super(message);
    this.field = field || null;
    this.status = status || 0;
  }
}

/** fetch, then the JSON body; every failure becomes a Problem with a sentence in it, never raw JSON. */
async function call(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    throw new Problem("Could not reach the server (" + e.message + "). Is it still running?");
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  // The image routes answer with their status inside the body, as the original did.
  const status = body && typeof body === "object" && typeof body.statusCode === "number" ? body.statusCode : response.status;
  if (!response.ok || status >= 400) {
    throw problemFrom(status, response.statusText, body);
  }
  return { body, headers: response.headers };
}

/** The API's error shapes: {error, field}, {Error, Field}, {statusCode, data} and API Gateway's {message}. */
function problemFrom(status, statusText, body) {
  if (body && typeof body === "object") {
    if (typeof body.error === "string") return new Problem(body.error, body.field, status);
    if (typeof body.Error === "string") return new Problem(body.Error, body.Field, status);
    if (typeof body.data === "string") return new Problem(body.data, null, status);
    if (typeof body.message === "string") {
      if (status === 403) return new Problem("The API key was refused (Forbidden): check the key above.", "api-key", status);
      if (status === 429) return new Problem("This API key's plan allows no more uploads just now (" + body.message + "). Try again later.", null, status);
      return new Problem(body.message, null, status);
    }
  }
  return new Problem("The server answered " + status + (statusText ? " " + statusText : "") + ".", null, status);
}

function describe(error) {
  return error instanceof Problem ? error.message : "Something went wrong in the page: " + error.message;
}

// ---------- Showing messages next to fields ----------

/** Clears the form's messages; fields are the input ids whose "-error" paragraphs belong to it. */
function clearMessages(prefix, fields) {
  $(prefix + "-error").textContent = "";
  const status = $(prefix + "-status");
  if (status) status.textContent = "";
  for (const id of fields) {
    $(id + "-error").textContent = "";
    $(id).removeAttribute("aria-invalid");
  }
}

/** A server message next to its field when the page knows the field, otherwise under the form. */
function showProblem(prefix, error, fieldIds) {
  const id = error instanceof Problem && error.field ? fieldIds[error.field] : null;
  if (id) {
    $(id + "-error").textContent = error.message;
    $(id).setAttribute("aria-invalid", "true");
    $(id).focus();
  } else {
    $(prefix + "-error").textContent = describe(error);
  }
}

function formatBytes(bytes) {
  return numbers.format(bytes) + " bytes";
}

// ---------- Session: what this server lets the page do ----------

async function loadSession() {
  try {
    session = (await call("/demo/session")).body;
  } catch (e) {
    $("page-error").textContent = "Could not load this server's settings: " + describe(e);
    return;
  }
  const folders = $("image-folder");
  for (const folder of session.uploadFolders) {
    const option = document.createElement("option");
    option.value = folder;
    option.textContent = folder;
    folders.append(option);
  }
  if (session.uploadFolders.includes("post")) folders.value = "post";

  const hint = $("api-key-hint");
  if (!session.apiKeysOn) {
    $("api-key-field").hidden = true;
  } else if (session.apiKey) {
    $("api-key").value = session.apiKey;
    hint.textContent = "This server's demo key, filled in because the page was opened on the server's own machine.";
  } else {
    hint.textContent = "This server's keys are chosen by its operator (API_KEYS): type yours to upload.";
  }
  if (!session.demoTokens) {
    $("rider-token-field").hidden = false;
    $("rider-name-hint").textContent = "Demo tokens are off on this server; the rider is named in the token below.";
    $("rider-name").disabled = true;
  }
}

// ---------- Images ----------

function uploadHeaders() {
  const key = $("api-key").value.trim();
  return session && session.apiKeysOn && key ? { "x-api-key": key } : {};
}

async function uploadImages(files) {
  clearMessages("image", ["api-key"]);
  if (files.length === 0) return;
  if (session && session.apiKeysOn && !$("api-key").value.trim()) {
    showProblem("image", new Problem("Type an API key first: uploads need one on this server.", "api-key"), { "api-key": "api-key" });
    return;
  }
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  const folder = $("image-folder").value;
  $("image-status").textContent = "Uploading " + files.length + (files.length === 1 ? " image…" : " images…");
  try {
    const { body } = await call("/images/" + encodeURIComponent(folder), { method: "POST", headers: uploadHeaders(), body: form });
    $("image-status").textContent = "Stored " + body.data.length + (body.data.length === 1 ? " image." : " images.");
    for (const url of body.data) addStoredImage(url);
  } catch (e) {
    $("image-status").textContent = "";
    showProblem("image", e, { "api-key": "api-key" });
  }
}

/** The store's key of an uploaded image, from its public URL. */
function keyOf(url) {
  const base = session.publicBaseUrl.replace(/\/$/, "") + "/";
  return url.startsWith(base) ? decodeURIComponent(url.substring(base.length)) : null;
}

function addStoredImage(url) {
  $("images-empty").hidden = true;
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = url;
  link.textContent = url;
  item.append(link);
  $("image-urls").append(item);

  const key = keyOf(url);
  const card = document.createElement("li");
  card.className = "card";
  card.dataset.key = key || url;
  card.dataset.url = url;
  const title = document.createElement("h4");
  title.textContent = key || url;
  card.append(title);
  $("gallery").append(card);
  renderVariant(card);
}

async function renderVariant(card) {
  const key = card.dataset.key;
  const width = parseInt($("variant-width").value, 10);
  card.querySelectorAll(".pair, .saved, .formats, .error").forEach((node) => node.remove());
  const generation = String(Number(card.dataset.generation || 0) + 1);
  card.dataset.generation = generation;
  const message = document.createElement("p");
  if (!Number.isInteger(width) || width < 1) {
    message.className = "error";
    message.textContent = "Pick a variant width.";
    card.append(message);
    return;
  }
  if (session.imageUrlSigning) {
    message.className = "error";
    message.textContent = "This server needs signed /img URLs (IMAGE_URL_SIGNING=on), which the page cannot make.";
    card.append(message);
    return;
  }
  let variant;
  const path = key.split("/").map(encodeURIComponent).join("/");
  try {
    const response = await fetch("/img/" + path + "?w=" + width);
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch (e) { body = null; }
      throw problemFrom(response.status, response.statusText, body);
    }
    const blob = await response.blob();
    variant = {
      image: URL.createObjectURL(blob),
      originalBytes: Number(response.headers.get("X-Original-Bytes")),
      variantBytes: Number(response.headers.get("X-Variant-Bytes") || blob.size),
    };
  } catch (e) {
    message.className = "error";
    message.textContent = "No variant: " + (e instanceof Problem ? e.message : "could not reach the server (" + e.message + ").");
    card.append(message);
    return;
  }
  const pair = document.createElement("div");
  pair.className = "pair";
  pair.append(
    figure(card.dataset.url, "Original of " + key, "Original: " + formatBytes(variant.originalBytes)),
    figure(variant.image, "Variant of " + key + ", " + width + " pixels wide", width + " px wide: " + formatBytes(variant.variantBytes)));
  card.append(pair);
  const saved = document.createElement("p");
  saved.className = "saved";
  card.dataset.originalBytes = variant.originalBytes;
  card.dataset.variantBytes = variant.variantBytes;
  const difference = variant.originalBytes - variant.variantBytes;
  if (variant.originalBytes > 0 && difference > 0) {
    saved.textContent = "Saved " + formatBytes(difference) + " (" + (100 * difference / variant.originalBytes).toFixed(1) + " %)";
  } else {
    saved.textContent = "The variant is not smaller than the original (" + formatBytes(-difference) + " more).";
  }
  card.append(saved);
  await renderFormats(card, path, width, generation);
}

/** The formats the gallery compares, by their fmt value. */
const FORMATS = [["jpeg", "JPEG"], ["webp", "WebP"], ["avif", "AVIF"]];

/** The same variant in JPEG, WebP and AVIF: the bytes of each, or that this server does not make it. */
async function renderFormats(card, path, width, generation) {
  const list = document.createElement("ul");
  list.className = "formats";
  for (const [fmt, name] of FORMATS) {
    const item = document.createElement("li");
    item.dataset.format = fmt;
    try {
      const response = await fetch("/img/" + path + "?w=" + width + "&fmt=" + fmt);
      if (response.ok) {
        const blob = await response.blob();
        const bytes = Number(response.headers.get("X-Variant-Bytes") || blob.size);
        item.dataset.bytes = bytes;
        item.textContent = name + ": " + formatBytes(bytes);
      } else {
        let body = null;
        try { body = await response.json(); } catch (e) { body = null; }
        item.className = "unavailable";
        item.textContent = name + ": " + (response.status === 400 && body && body.field === "fmt"
          ? "not made by this server" : "no variant (" + (body && body.error ? body.error : response.status) + ")");
      }
    } catch (e) {
      item.className = "unavailable";
      item.textContent = name + ": could not reach the server";
    }
    list.append(item);
  }
  if (card.dataset.generation !== generation) {
    return; // the width changed meanwhile: a newer rendering owns the card
  }
  list.dataset.done = "true";
  card.append(list);
}

function figure(src, alt, caption) {
  const node = document.createElement("figure");
  const image = document.createElement("img");
  image.src = src;
  image.alt = alt;
  const text = document.createElement("figcaption");
  text.textContent = caption;
  node.append(image, text);
  return node;
}

function setUpImages() {
  $("image-files").addEventListener("change", (event) => {
    uploadImages([...event.target.files]);
    event.target.value = "";
  });
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    uploadImages([...event.dataTransfer.files]);
  });
  // A file dropped beside the zone would otherwise replace the page.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
  $("variant-width").addEventListener("change", () => {
    document.querySelectorAll("#gallery .card").forEach(renderVariant);
  });
}

// ---------- Files ----------

function setUpFiles() {
  $("file-input").addEventListener("change", () => {
    const file = $("file-input").files[0];
    if (file && !$("file-name").value.trim()) $("file-name").value = file.name;
  });
  $("file-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = { file: "file-input", filename: "file-name" };
    clearMessages("file", Object.values(fields));
    $("file-link").textContent = "";
    const file = $("file-input").files[0];
    if (!file) {
      showProblem("file", new Problem("Choose a file to upload.", "file"), fields);
      return;
    }
    const name = $("file-name").value;
    const form = new FormData();
    form.append("filename", name);
    form.append("file", file, file.name);
    $("file-submit").disabled = true;
    $("file-status").textContent = "Uploading " + file.name + "…";
    try {
      // Files belong to the signed-in user: the rider named under Rides.
      const headers = { "Authorization": await riderToken() };
      await call("/files", { method: "POST", headers, body: form });
      const { body } = await call("/files?filename=" + encodeURIComponent(name), { headers });
      $("file-status").textContent = "Stored as " + name + ". This link downloads it for the next hour:";
      const link = document.createElement("a");
      link.href = body.url;
      link.id = "file-download";
      link.textContent = body.url;
      $("file-link").append(link);
    } catch (e) {
      $("file-status").textContent = "";
      showProblem("file", e, fields);
    } finally {
      $("file-submit").disabled = false;
    }
  });
}

// ---------- Users ----------

/** Cursors of the pages before the current one, so "Previous" can go back. */
const userPages = { cursors: [], current: null, next: null };

async function showUsers(after) {
  $("users-error").textContent = "";
  const query = "limit=" + USERS_PAGE_SIZE + (after == null ? "" : "&after=" + encodeURIComponent(after));
  let body;
  try {
    body = (await call("/users?" + query)).body;
  } catch (e) {
    $("users-error").textContent = "Could not list users: " + describe(e);
    return;
  }
  userPages.current = after;
  userPages.next = body.next == null ? null : body.next;
  const rows = $("user-table").tBodies[0];
  rows.replaceChildren();
  for (const user of body.users) {
    const row = rows.insertRow();
    row.dataset.id = user.id;
    for (const value of [user.id, user.name, user.age]) row.insertCell().textContent = value;
  }
  if (body.users.length === 0) {
    const cell = rows.insertRow().insertCell();
    cell.colSpan = 3;
    cell.textContent = "No users yet: create one above.";
  }
  const page = userPages.cursors.length + 1;
  $("users-page").textContent = "Page " + page + (body.users.length ? ": ids " + body.users[0].id + " to " + body.users[body.users.length - 1].id : "");
  $("users-previous").disabled = userPages.cursors.length === 0;
  $("users-first").disabled = userPages.cursors.length === 0;
  $("users-next").disabled = userPages.next == null;
}

function setUpUsers() {
  $("users-page-size").textContent = USERS_PAGE_SIZE;
  $("users-next").addEventListener("click", () => {
    if (userPages.next == null) return;
    userPages.cursors.push(userPages.current);
    showUsers(userPages.next);
  });
  $("users-previous").addEventListener("click", () => {
    if (userPages.cursors.length === 0) return;
    showUsers(userPages.cursors.pop());
  });
  $("users-first").addEventListener("click", () => {
    userPages.cursors = [];
    showUsers(null);
  });
  $("user-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = { name: "user-name", age: "user-age" };
    clearMessages("user", Object.values(fields));
    const ageText = $("user-age").value.trim();
    // Numbers go as numbers; anything else goes as typed, so the server's own message explains it.
    const age = /^-?\d+(\.\d+)?$/.test(ageText) ? Number(ageText) : ageText;
    $("user-submit").disabled = true;
    try {
      const { body } = await call("/users", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: $("user-name").value, age }),
      });
      $("user-status").textContent = "Created user " + body.id + ": " + body.name + ", " + body.age + ".";
      $("user-name").value = "";
      $("user-age").value = "";
      userPages.cursors = [];
      await showUsers(null);
    } catch (e) {
      showProblem("user", e, fields);
    } finally {
      $("user-submit").disabled = false;
    }
  });
}

// ---------- Rides ----------

const rider = { token: null, username: null, expiresAt: 0 };

/** A token for the rider named on the page, from the local server's demo sign-in (renewed before it expires). */
async function riderToken() {
  if (!session.demoTokens) {
    const pasted = $("rider-token").value.trim();
    if (!pasted) throw new Problem("Paste a rider token first.", "token");
    return pasted;
  }
  const username = $("rider-name").value.trim();
  if (rider.token && rider.username === username && Date.now() < rider.expiresAt - 60000) return rider.token;
  let body;
  try {
    body = (await call("/auth/demo-token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username }),
    })).body;
  } catch (e) {
    if (e instanceof Problem && e.field === "username") throw new Problem(e.message, "rider");
    throw e;
  }
  Object.assign(rider, { token: body.token, username: body.username, expiresAt: Date.parse(body.expiresAt) });
  return rider.token;
}

/** An Idempotency-Key; crypto.randomUUID exists only in secure contexts (not on a LAN address over http). */
function newRequestKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function mapBounds() {
  const map = $("ride-map").dataset;
  return { north: Number(map.north), south: Number(map.south), west: Number(map.west), east: Number(map.east) };
}

function placePin(latitude, longitude) {
  const b = mapBounds();
  const x = (longitude - b.west) / (b.east - b.west) * 600;
  const y = (b.north - latitude) / (b.north - b.south) * 480;
  const pin = $("ride-pin");
  if (x < 0 || x > 600 || y < 0 || y > 480) {
    pin.setAttribute("hidden", "");
    return;
  }
  pin.setAttribute("transform", "translate(" + x.toFixed(1) + " " + y.toFixed(1) + ")");
  pin.removeAttribute("hidden");
}

async function requestRide() {
  const fields = { "PickupLocation.Latitude": "ride-latitude", "PickupLocation.Longitude": "ride-longitude", rider: "rider-name" };
  clearMessages("ride", ["ride-latitude", "ride-longitude", "rider-name"]);
  $("ride-result").hidden = true;
  const number = (id) => {
    const text = $(id).value.trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  };
  const latitude = number("ride-latitude");
  const longitude = number("ride-longitude");
  if (typeof latitude === "number" && typeof longitude === "number") placePin(latitude, longitude);
  $("ride-submit").disabled = true;
  $("ride-status").textContent = "Looking for the nearest free unicorn…";
  try {
    let token = await riderToken();
    const key = newRequestKey();
    const send = () => call("/ride", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": token, "Idempotency-Key": key },
      body: JSON.stringify({ PickupLocation: { Latitude: latitude, Longitude: longitude } }),
    });
    let ride;
    try {
      ride = (await send()).body;
    } catch (e) {
      if (!(e instanceof Problem) || e.status !== 401 || !session.demoTokens) throw e;
      rider.token = null; // refused (the server's key changed, say): sign in again once
      token = await riderToken();
      ride = (await send()).body;
    }
    $("ride-status").textContent = ride.UnicornName + " is on the way.";
    $("ride-unicorn").textContent = ride.Unicorn.Name + " (" + ride.Unicorn.Color + ", " + ride.Unicorn.Gender + ")";
    $("ride-eta").textContent = ride.Eta;
    $("ride-rider").textContent = ride.Rider;
    $("ride-id").textContent = ride.RideId;
    $("ride-result").hidden = false;
  } catch (e) {
    $("ride-status").textContent = "";
    showProblem("ride", e, fields);
  } finally {
    $("ride-submit").disabled = false;
  }
}

function setUpRides() {
  const map = $("ride-map");
  map.addEventListener("click", (event) => {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(map.getScreenCTM().inverse());
    const b = mapBounds();
    const latitude = b.north - point.y / 480 * (b.north - b.south);
    const longitude = b.west + point.x / 600 * (b.east - b.west);
    $("ride-latitude").value = latitude.toFixed(6);
    $("ride-longitude").value = longitude.toFixed(6);
    requestRide();
  });
  $("ride-form").addEventListener("submit", (event) => {
    event.preventDefault();
    requestRide();
  });
}

// ---------- Start ----------

document.addEventListener("DOMContentLoaded", async () => {
  setUpImages();
  setUpFiles();
  setUpUsers();
  setUpRides();
  await loadSession();
  await showUsers(null);
  document.body.dataset.ready = "true";
});
