// AOE redraws its progress bar with `\r` and prints log lines with `\n`: both end a line here, and
// `\r\n` counts once, even when the two bytes arrive in different chunks.
export class LineSplitter {
  private rest = '';
  private lastWasCr = false;

  /** Feeds decoded text; returns the lines it completed (without their terminators). */
  push(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        if (i === 0 && this.lastWasCr && this.rest === '') {
          start = 1;
          this.lastWasCr = false;
          continue;
        }
        lines.push(this.rest + text.slice(start, i));
        this.rest = '';
        start = i + 1;
        this.lastWasCr = false;
      } else if (ch === 13 /* \r */) {
        lines.push(this.rest + text.slice(start, i));
        this.rest = '';
        if (text.charCodeAt(i + 1) === 10) i++;
        else this.lastWasCr = i === text.length - 1;
        start = i + 1;
      }
    }
    if (start < text.length) {
      this.rest += text.slice(start);
      this.lastWasCr = false;
    }
    return lines;
  }

  /** The unterminated tail, if any, once the stream has ended. */
  flush(): string[] {
    const tail = this.rest;
    this.rest = '';
    this.lastWasCr = false;
    return tail === '' ? [] : [tail];
  }
}
