/** Where and why a text is not JSON: JSON.parse's own messages differ between engines and some omit the place. */
export interface JsonError {
  line: number;
  column: number;
  message: string;
}

class Stop {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

/** The first syntax error in `text` (RFC 8259), or null when it is valid JSON. */
export function findJsonError(text: string): JsonError | null {
  let i = 0;
  function fail(message: string, at = i): never {
    throw new Stop(at, i >= text.length && at === i ? 'the text ends too early' : message);
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (c: string, message: string) => (text[i] === c ? i++ : fail(message));

  function value(): void {
    space();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(c === "'" ? 'use double quotes for strings' : 'expected a value');
  }
  function object(): void {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"')
        fail(
          text[i] === '}'
            ? "remove the comma before '}'"
            : 'expected a property name in double quotes',
        );
      string();
      space();
      expect(':', "expected ':' after the property name");
      value();
      space();
      if (text[i] === '}') return void i++;
      expect(',', "expected ',' or '}' after a property value");
    }
  }
  function array(): void {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      space();
      if (text[i] === ']') fail("remove the comma before ']'");
      value();
      space();
      if (text[i] === ']') return void i++;
      expect(',', "expected ',' or ']' after an array element");
    }
  }
  function string(): void {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const escape = /^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i, i + 6));
        if (!escape) fail('invalid escape in a string');
        i += escape[0].length;
      } else if (text.charCodeAt(i) < 0x20) {
        fail('line break or control character inside a string');
      } else i++;
    }
    if (i >= text.length) fail('a string is not closed', start);
    i++;
  }
  function number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '-') fail('invalid number');
    i += match[0].length;
  }

  try {
    value();
    space();
    if (i < text.length) fail('unexpected text after the end of the JSON');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    return { line, column: e.at - before.lastIndexOf('\n'), message: e.message };
  }
}
