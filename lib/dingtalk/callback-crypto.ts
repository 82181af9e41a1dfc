import { createCipheriv, createDecipheriv, createHash, randomBytes as nodeRandomBytes, timingSafeEqual } from "node:crypto";

/**
 * DingTalk's HTTP event subscription crypto (事件订阅加解密): AES-256-CBC with the key from the
 * 43-character `aesKey`, IV = the key's first 16 bytes, PKCS#7 padding to a 32-byte block,
 * plain text = 16 random bytes + 4-byte big-endian length + message + ownerKey, and a SHA-1
 * signature over the sorted token, timestamp, nonce and encrypted text.
 */

const BLOCK = 32;
const NONCE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The JSON envelope DingTalk expects back (and the fields it signs with). */
export interface CallbackEnvelope {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export class CallbackCryptoError extends Error {
  constructor(
    readonly reason: "badKey" | "badSignature" | "badCipherText" | "badPadding" | "badLength" | "ownerKeyMismatch",
    message: string,
  ) {
    super(message);
    this.name = "CallbackCryptoError";
  }
}

export interface CallbackCryptoOptions {
  /** Source of the 16 random prefix bytes and nonces; tests pass fixed bytes. */
  randomBytes?: (size: number) => Buffer;
  /** The envelope's timestamp when none is given, ms; defaults to Date.now(). */
  now?: () => number;
}

/** The signature DingTalk puts in `msg_signature`: sha1 of the four values sorted and joined. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash("sha1").update([token, timestamp, nonce, encrypt].sort().join("")).digest("hex");
}

export class DingTalkCallbackCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly random: (size: number) => Buffer;
  private readonly now: () => number;

  /**
   * @param token the callback token from the developer console
   * @param aesKey the 43-character 数据加密密钥
   * @param ownerKey appKey for an internal app's subscription, corpId for the old registered callback, suiteKey for ISV
   */
  constructor(
    private readonly token: string,
    aesKey: string,
    private readonly ownerKey: string,
    options: CallbackCryptoOptions = {},
  ) {
    if (!token) throw new CallbackCryptoError("badKey", "callback token is empty: copy it from the app's event subscription settings");
    if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey)) {
      throw new CallbackCryptoError("badKey", `aesKey must be 43 letters and digits (base64 without the trailing "="), got ${aesKey.length} characters`);
    }
    this.key = Buffer.from(`${aesKey}=`, "base64");
    if (this.key.length !== 32) throw new CallbackCryptoError("badKey", "aesKey does not decode to 32 bytes");
    this.iv = this.key.subarray(0, 16);
    if (!ownerKey) throw new CallbackCryptoError("badKey", "ownerKey is empty: pass the appKey (internal app), corpId or suiteKey");
    this.random = options.randomBytes ?? nodeRandomBytes;
    this.now = options.now ?? Date.now;
  }

  /** True when `signature` is DingTalk's signature of these values; compares in constant time. */
  verify(signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const expected = Buffer.from(callbackSignature(this.token, timestamp, nonce, encrypt), "utf8");
    const given = Buffer.from(String(signature).toLowerCase(), "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The cipher text (base64) of `plain`, with a random 16-byte prefix. */
  encryptText(plain: string): string {
    const message = Buffer.from(plain, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length, 0);
    const prefix = this.random(16);
    if (prefix.length !== 16) throw new CallbackCryptoError("badKey", "randomBytes(16) must return 16 bytes");
    const body = Buffer.concat([prefix, length, message, Buffer.from(this.ownerKey, "utf8")]);
    const pad = BLOCK - (body.length % BLOCK);
    const cipher = createCipheriv("aes-256-cbc", this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
  }

  /** The message inside `encrypt`; throws a `CallbackCryptoError` saying what is wrong with it. */
  decrypt(encrypt: string): string {
    const data = Buffer.from(encrypt, "base64");
    if (data.length === 0 || data.length % 16 !== 0) {
      throw new CallbackCryptoError("badCipherText", `encrypt is not AES cipher text (${data.length} bytes after base64, not a multiple of 16)`);
    }
    const decipher = createDecipheriv("aes-256-cbc", this.key, this.iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) {
      throw new CallbackCryptoError("badPadding", "bad PKCS#7 padding: the aesKey is probably not the one this message was encrypted with");
    }
    const body = plain.subarray(0, plain.length - pad);
    if (body.length < 20) throw new CallbackCryptoError("badLength", "decrypted text is shorter than its 20-byte header");
    const length = body.readUInt32BE(16);
    if (20 + length > body.length) {
      throw new CallbackCryptoError("badLength", `decrypted text announces ${length} bytes of message but holds ${body.length - 20}`);
    }
    const owner = body.subarray(20 + length).toString("utf8");
    if (owner !== this.ownerKey) {
      throw new CallbackCryptoError("ownerKeyMismatch", "the message was encrypted for another app (its ownerKey is not this appKey/corpId/suiteKey)");
    }
    return body.subarray(20, 20 + length).toString("utf8");
  }

  /** `plain` encrypted and signed, as the envelope DingTalk sends or expects back. */
  encrypt(plain: string, timestamp?: string, nonce?: string): CallbackEnvelope {
    const ts = timestamp ?? String(this.now());
    const n = nonce ?? this.nonce();
    const encrypt = this.encryptText(plain);
    return { msg_signature: callbackSignature(this.token, ts, n, encrypt), timeStamp: ts, nonce: n, encrypt };
  }

  /** The reply a callback receiver must give: the encrypted string `success`. */
  successReply(timestamp?: string, nonce?: string): CallbackEnvelope {
    return this.encrypt("success", timestamp, nonce);
  }

  /** Verifies and decrypts one incoming request (query `msg_signature|signature`, `timestamp|timeStamp`, `nonce`; body `encrypt`). */
  open(signature: string, timestamp: string, nonce: string, encrypt: string): string {
    if (!this.verify(signature, timestamp, nonce, encrypt)) {
      throw new CallbackCryptoError("badSignature", "msg_signature does not match: wrong token, or the request was altered");
    }
    return this.decrypt(encrypt);
  }

  private nonce(): string {
    return [...this.random(12)].map((b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join("");
  }
}
