// A passkey authenticator in software, on Node.js's crypto, behind the browser's WebAuthn API
// (navigator.credentials.create / get and window.PublicKeyCredential), so that Better Auth's
// passkeyClient, through @simplewebauthn/browser, runs in Node.js as it runs in a browser.
//
// What it makes is real: an EC P-256 key pair per credential (ES256), authenticator data with
// rpIdHash = SHA-256(rpId), flags UP|UV (and AT on creation), a signature counter, AAGUID zeros,
// the credential id and the COSE public key; an attestation object {fmt: "none", attStmt: {},
// authData} in CBOR; client data JSON naming the challenge and the page's origin; and assertions
// signed over authData || SHA-256(clientDataJSON), DER-encoded, as platform authenticators do.
// Credentials are discoverable (kept with their user handle) and scoped to their relying party;
// excludeCredentials and allowCredentials are honoured as the WebAuthn API does, with its
// DOMException names (InvalidStateError, NotAllowedError, SecurityError, NotSupportedError).
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;
const ES256 = -7;

// --- a small CBOR encoder (RFC 8949): unsigned and negative integers, byte and text strings, arrays, maps ---

function head(major, length) {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const bytes = Buffer.alloc(3);
    bytes[0] = (major << 5) | 25;
    bytes.writeUInt16BE(length, 1);
    return bytes;
  }
  const bytes = Buffer.alloc(5);
  bytes[0] = (major << 5) | 26;
  bytes.writeUInt32BE(length, 1);
  return bytes;
}

/** CBOR of a value: integers, Uint8Array (byte string), string (text), array, Map or plain object (map, keys in order). */
export function cbor(value) {
  if (Number.isInteger(value)) return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, text.length), text]);
  }
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

// --- helpers ---

const sha256 = (bytes) => createHash("sha256").update(bytes).digest();
const base64url = (bytes) => Buffer.from(bytes).toString("base64url");
/** A fresh ArrayBuffer holding exactly these bytes (a Buffer may sit inside a larger pool). */
const arrayBuffer = (bytes) => Uint8Array.from(bytes).buffer;
const bytesOf = (source) => Buffer.from(ArrayBuffer.isView(source)
  ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source));

function domException(name, message) {
  return new DOMException(message, name);
}

function counterBytes(count) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(count);
  return bytes;
}

/** Whether rpId is the origin's host or a registrable parent of it, as the WebAuthn API requires. */
function rpIdFits(rpId, origin) {
  const host = new URL(origin).hostname;
  return host === rpId || host.endsWith(`.${rpId}`);
}

// --- what the WebAuthn API hands back ---

class SoftwareAttestationResponse {
  constructor({ clientDataJSON, attestationObject, authenticatorData, publicKeySpki, transports }) {
    this.clientDataJSON = arrayBuffer(clientDataJSON);
    this.attestationObject = arrayBuffer(attestationObject);
    this._authenticatorData = authenticatorData;
    this._publicKeySpki = publicKeySpki;
    this._transports = transports;
  }

  getTransports() {
    return [...this._transports];
  }

  getAuthenticatorData() {
    return arrayBuffer(this._authenticatorData);
  }

  getPublicKey() {
    return arrayBuffer(this._publicKeySpki);
  }

  getPublicKeyAlgorithm() {
    return ES256;
  }
}

class SoftwareAssertionResponse {
  constructor({ clientDataJSON, authenticatorData, signature, userHandle }) {
    this.clientDataJSON = arrayBuffer(clientDataJSON);
    this.authenticatorData = arrayBuffer(authenticatorData);
    this.signature = arrayBuffer(signature);
    this.userHandle = userHandle ? arrayBuffer(userHandle) : null;
  }
}

/** Stands for window.PublicKeyCredential: @simplewebauthn/browser only asks that it is a function. */
export class SoftwarePublicKeyCredential {
  constructor(rawId, response, clientExtensionResults) {
    this.id = base64url(rawId);
    this.rawId = arrayBuffer(rawId);
    this.type = "public-key";
    this.response = response;
    this.authenticatorAttachment = "platform";
    this._clientExtensionResults = clientExtensionResults;
  }

  getClientExtensionResults() {
    return structuredClone(this._clientExtensionResults);
  }

  static async isUserVerifyingPlatformAuthenticatorAvailable() {
    return true;
  }

  static async isConditionalMediationAvailable() {
    return false;
  }
}

// --- the authenticator ---

export class SoftwareAuthenticator {
  /** origin: the page the client runs on (client data names it; the relying party id must fit it). */
  constructor({ origin }) {
    this.origin = origin;
    /** Held credentials, newest last: {id, rpId, userHandle, privateKey, counter}. */
    this.credentials = [];
    /** Set to true to have the next assertion signed over other bytes than it claims (a bad signature). */
    this.corruptNextSignature = false;
  }

  /** navigator.credentials.create({publicKey}) */
  async create({ publicKey, signal } = {}) {
    if (signal?.aborted) throw domException("AbortError", "The operation was aborted");
    if (!publicKey) throw domException("NotSupportedError", "only publicKey credentials are supported");
    const rpId = publicKey.rp?.id ?? new URL(this.origin).hostname;
    if (!rpIdFits(rpId, this.origin)) throw domException("SecurityError", `${rpId} is not a valid relying party id for ${this.origin}`);
    if (!(publicKey.pubKeyCredParams ?? []).some((param) => param.type === "public-key" && param.alg === ES256)) {
      throw domException("NotSupportedError", "this authenticator signs with ES256 only");
    }
    const excluded = new Set((publicKey.excludeCredentials ?? []).map((descriptor) => base64url(bytesOf(descriptor.id))));
    if (this.credentials.some((held) => held.rpId === rpId && excluded.has(base64url(held.id)))) {
      throw domException("InvalidStateError", "this authenticator already holds one of the excluded credentials");
    }

    const { privateKey, publicKey: key } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = key.export({ format: "jwk" });
    const cosePublicKey = cbor(new Map([
      [1, 2], // kty: EC2
      [3, ES256], // alg
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x, "base64url")],
      [-3, Buffer.from(jwk.y, "base64url")],
    ]));
    const id = randomBytes(32);
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(id.length);
    const authenticatorData = Buffer.concat([
      sha256(Buffer.from(rpId, "utf8")),
      Buffer.from([UP | UV | AT]),
      counterBytes(0),
      Buffer.alloc(16), // AAGUID: zeros, as platforms report it under attestation "none"
      credentialIdLength,
      id,
      cosePublicKey,
    ]);
    const attestationObject = cbor(new Map([["fmt", "none"], ["attStmt", new Map()], ["authData", authenticatorData]]));
    const clientDataJSON = this.#clientData("webauthn.create", publicKey.challenge);
    this.credentials.push({ id, rpId, userHandle: bytesOf(publicKey.user.id), privateKey, counter: 0 });

    const extensions = {};
    if (publicKey.extensions?.credProps) extensions.credProps = { rk: true };
    return new SoftwarePublicKeyCredential(id, new SoftwareAttestationResponse({
      clientDataJSON,
      attestationObject,
      authenticatorData,
      publicKeySpki: key.export({ format: "der", type: "spki" }),
      transports: ["internal", "hybrid"],
    }), extensions);
  }

  /** navigator.credentials.get({publicKey}) */
  async get({ publicKey, signal } = {}) {
    if (signal?.aborted) throw domException("AbortError", "The operation was aborted");
    if (!publicKey) throw domException("NotSupportedError", "only publicKey credentials are supported");
    const rpId = publicKey.rpId ?? new URL(this.origin).hostname;
    if (!rpIdFits(rpId, this.origin)) throw domException("SecurityError", `${rpId} is not a valid relying party id for ${this.origin}`);
    const allowed = (publicKey.allowCredentials ?? []).map((descriptor) => base64url(bytesOf(descriptor.id)));
    const candidates = this.credentials.filter((held) => held.rpId === rpId
      && (allowed.length === 0 || allowed.includes(base64url(held.id))));
    const credential = candidates.at(-1);
    if (!credential) throw domException("NotAllowedError", "no credential of this authenticator is allowed for " + rpId);

    credential.counter += 1;
    const authenticatorData = Buffer.concat([sha256(Buffer.from(rpId, "utf8")), Buffer.from([UP | UV]),
      counterBytes(credential.counter)]);
    const clientDataJSON = this.#clientData("webauthn.get", publicKey.challenge);
    let signed = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    if (this.corruptNextSignature) {
      this.corruptNextSignature = false;
      signed = Buffer.concat([signed, Buffer.from([0])]);
    }
    const signature = sign("sha256", signed, { key: credential.privateKey, dsaEncoding: "der" });
    return new SoftwarePublicKeyCredential(credential.id, new SoftwareAssertionResponse({
      clientDataJSON, authenticatorData, signature, userHandle: credential.userHandle,
    }), {});
  }

  #clientData(type, challenge) {
    return Buffer.from(JSON.stringify({ type, challenge: base64url(bytesOf(challenge)), origin: this.origin, crossOrigin: false }), "utf8");
  }

  /** Puts this authenticator behind navigator.credentials and window.PublicKeyCredential. */
  install() {
    const credentials = { create: (options) => this.create(options), get: (options) => this.get(options) };
    if (globalThis.navigator) {
      Object.defineProperty(globalThis.navigator, "credentials", { value: credentials, configurable: true });
    } else {
      Object.defineProperty(globalThis, "navigator", { value: { credentials }, configurable: true, writable: true });
    }
    globalThis.PublicKeyCredential = SoftwarePublicKeyCredential;
    globalThis.location ??= new URL(this.origin);
    return this;
  }
}
