// Validates host protocol messages against docs/host-protocol.schema.json with Ajv, in Node:
// for the Node suites directly, and for browser tests as the test runner's server command
// `validate-protocol` (`executeServerCommand('validate-protocol', { messages })`).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const SCHEMA_URL = new URL('../docs/host-protocol.schema.json', import.meta.url);

/** The protocol schema, parsed. */
export const protocolSchema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8'));

/**
 * Compiles the schema once (strict mode: the schema itself must be clean) and returns checkers.
 * Each returns a list of readable problems; empty means valid.
 */
export function createProtocolValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true });
  ajv.addSchema(protocolSchema);
  const get = (name) => ajv.getSchema(`${protocolSchema.$id}#/$defs/${name}`);
  const check = (validate, value, label) =>
    validate(value) ? [] : [`${label}: ${ajv.errorsText(validate.errors, { dataVar: 'message' })}`];
  const any = ajv.getSchema(protocolSchema.$id);
  const request = get('Request');
  const response = get('Response');
  const exchange = get('Exchange');
  const event = get('Event');

  return {
    /** Any one message (request or response). */
    validateMessage: (message, label = 'message') => check(any, message, label),
    /** A request. */
    validateRequest: (message, label = 'request') => check(request, message, label),
    /** A response, whatever asked for it. */
    validateResponse: (message, label = 'response') => check(response, message, label),
    /** A request and its response: same id, and the result the method defines. */
    validateExchange(req, res, label = 'exchange') {
      const problems = check(exchange, { request: req, response: res }, label);
      if (req?.id !== res?.id) problems.push(`${label}: the response id ${JSON.stringify(res?.id)} is not the request id ${JSON.stringify(req?.id)}`);
      return problems;
    },
    /**
     * Messages in the order they crossed (objects, or JSON strings as UWP `notify` carries them).
     * Requests (they have `method`) and host events (`event`) are checked alone; each response is
     * checked with the latest request of the same id, or alone when there is none.
     */
    validateMessages(messages) {
      const problems = [];
      const requests = new Map();
      messages.forEach((raw, index) => {
        let message = raw;
        if (typeof raw === 'string') {
          try {
            message = JSON.parse(raw);
          } catch {
            problems.push(`#${index}: not JSON: ${raw.slice(0, 80)}`);
            return;
          }
        }
        const label = `#${index} ${JSON.stringify(message).slice(0, 120)}`;
        if (message && typeof message === 'object' && 'event' in message) {
          problems.push(...check(event, message, label));
        } else if (message && typeof message === 'object' && 'method' in message) {
          problems.push(...check(request, message, label));
          requests.set(message.id, message);
        } else if (requests.has(message?.id)) {
          problems.push(...check(exchange, { request: requests.get(message.id), response: message }, label));
        } else {
          problems.push(...check(response, message, label));
        }
      });
      return { valid: problems.length === 0, checked: messages.length, problems };
    },
  };
}

/** Test-runner plugin: the server command `validate-protocol` with payload `{ messages }`. */
export function protocolValidatorPlugin() {
  let validator;
  return {
    name: 'protocol-validator',
    executeCommand({ command, payload }) {
      if (command !== 'validate-protocol') return undefined;
      validator ??= createProtocolValidator();
      if (!Array.isArray(payload?.messages)) throw new Error('validate-protocol expects { messages: [...] }');
      return validator.validateMessages(payload.messages);
    },
  };
}
