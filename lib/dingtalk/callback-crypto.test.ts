import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callbackSignature, CallbackCryptoError, DingTalkCallbackCrypto } from "./callback-crypto";

const token = "tokenForTests123";
const aesKey = "o9Xv7wqFjCKpW3GZ2Lr5NtYbHs8Mc4Ud1AeT6kPg0Qz";
const ownerKey = "dingappkeyfortests";
const fixed = Buffer.from("00112233445566778899aabbccddeeff", "hex");

describe("DingTalkCallbackCrypto", () => {
  it("decrypts what it encrypted and verifies its own signature", () => {
    const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey);
    const message = JSON.stringify({ EventType: "user_add_org", UserId: ["u1"], 名字: "张三" });
    const envelope = crypto.encrypt(message);
    expect(crypto.verify(envelope.msg_signature, envelope.timeStamp, envelope.nonce, envelope.encrypt)).toBe(true);
    expect(crypto.decrypt(envelope.encrypt)).toBe(message);
    expect(crypto.open(envelope.msg_signature, envelope.timeStamp, envelope.nonce, envelope.encrypt)).toBe(message);
  });

  it("matches a vector computed independently with node:crypto", () => {
    const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey, { randomBytes: () => Buffer.from(fixed) });
    const envelope = crypto.successReply("1700000000000", "nonce123");

    // The same construction spelled out: key from aesKey + "=", IV = first 16 key bytes,
    // 16 random + 4-byte BE length + message + ownerKey, PKCS#7 to 32, AES-256-CBC.
    const key = Buffer.from(`${aesKey}=`, "base64");
    const message = Buffer.from("success");
    const length = Buffer.from([0, 0, 0, message.length]);
    const body = Buffer.concat([fixed, length, message, Buffer.from(ownerKey)]);
    const pad = 32 - (body.length % 32);
    const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const expectedEncrypt = Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString("base64");
    const expectedSignature = createHash("sha1").update(["1700000000000", "nonce123", expectedEncrypt, token].sort().join("")).digest("hex");

    expect(envelope).toEqual({ msg_signature: expectedSignature, timeStamp: "1700000000000", nonce: "nonce123", encrypt: expectedEncrypt });
    expect(callbackSignature(token, "1700000000000", "nonce123", expectedEncrypt)).toBe(expectedSignature);
  });

  it("refuses a tampered signature and a tampered timestamp", () => {
    const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey);
    const e = crypto.encrypt('{"EventType":"check_url"}');
    const flipped = (e.msg_signature[0] === "a" ? "b" : "a") + e.msg_signature.slice(1);
    expect(crypto.verify(flipped, e.timeStamp, e.nonce, e.encrypt)).toBe(false);
    expect(crypto.verify(e.msg_signature, String(Number(e.timeStamp) + 1), e.nonce, e.encrypt)).toBe(false);
    expect(crypto.verify("short", e.timeStamp, e.nonce, e.encrypt)).toBe(false);
    expect(() => crypto.open(flipped, e.timeStamp, e.nonce, e.encrypt)).toThrow(/msg_signature does not match/);
  });

  it("refuses a message encrypted for another owner", () => {
    const other = new DingTalkCallbackCrypto(token, aesKey, "dingsomeoneelse");
    const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey);
    const error = (() => {
      try {
        crypto.decrypt(other.encrypt("hello").encrypt);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CallbackCryptoError);
    expect((error as CallbackCryptoError).reason).toBe("ownerKeyMismatch");
  });

  it("reports bad padding, a bad length and bad cipher text clearly", () => {
    const crypto = new DingTalkCallbackCrypto(token, aesKey, ownerKey);
    const key = Buffer.from(`${aesKey}=`, "base64");
    const encryptRaw = (plain: Buffer) => {
      const c = createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]).toString("base64");
    };
    // Last byte 0 is no PKCS#7 padding.
    expect(() => crypto.decrypt(encryptRaw(Buffer.alloc(32, 0)))).toThrow(/PKCS#7/);
    // A length field larger than the text.
    const lying = Buffer.concat([fixed, Buffer.from([0, 0, 1, 0]), Buffer.from("hi"), Buffer.alloc(10, 10)]);
    expect(() => crypto.decrypt(encryptRaw(lying))).toThrow(/announces 256 bytes/);
    expect(() => crypto.decrypt("abc")).toThrow(/not AES cipher text/);
    // Decrypting with a different key breaks the padding check rather than returning garbage.
    const otherKey = new DingTalkCallbackCrypto(token, "A".repeat(43), ownerKey);
    expect(() => otherKey.decrypt(crypto.encrypt("hello").encrypt)).toThrow(CallbackCryptoError);
    // Sanity: the raw helper round-trips through node's own decipher.
    const d = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    d.setAutoPadding(false);
    expect(Buffer.concat([d.update(Buffer.from(encryptRaw(Buffer.alloc(32, 32)), "base64")), d.final()])).toEqual(Buffer.alloc(32, 32));
  });

  it("refuses a malformed aesKey with a message saying what it must be", () => {
    expect(() => new DingTalkCallbackCrypto(token, "tooshort", ownerKey)).toThrow(/43 letters and digits/);
    expect(() => new DingTalkCallbackCrypto("", aesKey, ownerKey)).toThrow(/token is empty/);
  });
});
