// Draws a captcha as an SVG: each digit is a stroked path from a small vector font, bent by
// random jitter, rotation, scale and position, over noise curves and dots. No <text> elements,
// so the answer is not in the markup.
import { randomInt } from 'node:crypto';

type Stroke = readonly (readonly [number, number])[];

// Glyphs on a 4 × 6 grid (x right, y down).
const glyphs: Record<string, readonly Stroke[]> = {
  '0': [
    [
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
      [0, 1],
      [1, 0],
    ],
  ],
  '1': [
    [
      [1, 1],
      [2, 0],
      [2, 6],
    ],
    [
      [1, 6],
      [3, 6],
    ],
  ],
  '2': [
    [
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [0, 6],
      [4, 6],
    ],
  ],
  '3': [
    [
      [0, 0],
      [4, 0],
      [2, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  '4': [
    [
      [3, 6],
      [3, 0],
      [0, 4],
      [4, 4],
    ],
  ],
  '5': [
    [
      [4, 0],
      [0, 0],
      [0, 3],
      [3, 3],
      [4, 4],
      [4, 5],
      [3, 6],
      [0, 6],
    ],
  ],
  '6': [
    [
      [3, 0],
      [1, 0],
      [0, 1],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 4],
      [3, 3],
      [0, 3],
    ],
  ],
  '7': [
    [
      [0, 0],
      [4, 0],
      [1.5, 6],
    ],
  ],
  '8': [
    [
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [3, 3],
      [1, 3],
      [0, 4],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 4],
      [3, 3],
    ],
    [
      [1, 3],
      [0, 2],
      [0, 1],
      [1, 0],
    ],
  ],
  '9': [
    [
      [4, 3],
      [1, 3],
      [0, 2],
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 5],
      [3, 6],
      [1, 6],
    ],
  ],
};

export const CAPTCHA_ALPHABET = '23456789';
export const CAPTCHA_LENGTH = 4;
const WIDTH = 120;
const HEIGHT = 40;

const rand = (min: number, max: number): number =>
  min + (randomInt(0, 1_000_000) / 1_000_000) * (max - min);
const fixed = (n: number): string => n.toFixed(1);

function color(minLight: number, maxLight: number): string {
  return `hsl(${randomInt(0, 360)},${randomInt(40, 80)}%,${randomInt(minLight, maxLight)}%)`;
}

export function randomCaptchaText(): string {
  let text = '';
  for (let i = 0; i < CAPTCHA_LENGTH; i++)
    text += CAPTCHA_ALPHABET[randomInt(0, CAPTCHA_ALPHABET.length)];
  return text;
}

/** True when every character can be drawn (test captchas are given on the command line). */
export function isDrawable(text: string): boolean {
  return text.length >= 1 && text.length <= 8 && [...text].every((c) => c in glyphs);
}

function glyphPath(char: string, cx: number, cy: number): string {
  const scale = rand(4.2, 5.4);
  const angle = (rand(-25, 25) * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const parts: string[] = [];
  for (const stroke of glyphs[char] ?? []) {
    const points = stroke.map(([gx, gy]) => {
      const x = (gx - 2 + rand(-0.25, 0.25)) * scale;
      const y = (gy - 3 + rand(-0.25, 0.25)) * scale;
      return [cx + x * cos - y * sin, cy + x * sin + y * cos] as const;
    });
    parts.push(`M${points.map(([x, y]) => `${fixed(x)} ${fixed(y)}`).join(' L')}`);
  }
  return `<path d="${parts.join(' ')}" fill="none" stroke="${color(15, 40)}" stroke-width="${fixed(rand(2.2, 3.2))}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

function noiseCurve(): string {
  const y = (): string => fixed(rand(4, HEIGHT - 4));
  return `<path d="M${fixed(rand(0, 20))} ${y()} C${fixed(rand(20, 60))} ${y()} ${fixed(rand(60, 100))} ${y()} ${fixed(rand(100, WIDTH))} ${y()}" fill="none" stroke="${color(35, 65)}" stroke-width="${fixed(rand(1, 2))}"/>`;
}

/** The SVG as a data: URL. */
export function captchaImage(text: string): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="100%" height="100%" fill="${color(88, 96)}"/>`,
  ];
  for (let i = 0; i < 3; i++) parts.push(noiseCurve());
  const step = (WIDTH - 20) / text.length;
  [...text].forEach((char, i) => {
    parts.push(glyphPath(char, 10 + step * (i + 0.5) + rand(-3, 3), HEIGHT / 2 + rand(-3, 3)));
  });
  for (let i = 0; i < 2; i++) parts.push(noiseCurve());
  for (let i = 0; i < 40; i++) {
    parts.push(
      `<circle cx="${fixed(rand(0, WIDTH))}" cy="${fixed(rand(0, HEIGHT))}" r="${fixed(rand(0.5, 1.4))}" fill="${color(20, 70)}"/>`,
    );
  }
  parts.push('</svg>');
  return `data:image/svg+xml;base64,${Buffer.from(parts.join(''), 'utf8').toString('base64')}`;
}
