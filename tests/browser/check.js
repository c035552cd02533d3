'use strict';
/*
 * check.js SITE SHOTS CONTROL: open a site that `tend render` made in
 * Debian's headless Chromium over file://, the way its owner opens it,
 * and print TAP lines ending with "N passed, N failed".
 *
 * The home page, the first entry, its month's page, the first goal the
 * home page links to, and the mood page are each opened on a phone
 * (390 px wide) and a laptop (1280 px), in the light and the dark colour
 * scheme, and once as print. Every visit fails on a console error or
 * warning (Chromium reports a Content-Security-Policy block there), an
 * uncaught page error, a failed request, or any request that is not for
 * a file: every other one is aborted before it leaves and counted. Each
 * visit also checks that style.css applied, that every chart has a size
 * and stays inside the page, and saves a full-page screenshot to
 * SHOTS/NAME-WIDTH-SCHEME.png (SHOTS/NAME-print.png). On screen, each
 * visit checks that the newest day of each chart is in view without
 * scrolling it (a wide chart on a phone opens at its newest end), that
 * no text is drawn under 12 px (SVG text as scaled on the page), and
 * that axe-core finds no violation of its rules. Then: every link on the
 * five pages leads to a file that exists (and a fragment to an element
 * there), the home page's "Mood" link opens the mood page, the newest
 * day of the year's calendar opens its entries, a weekday's bar shows
 * its list, and two control pages written into CONTROL (a CSP that
 * blocks style.css, a request to the network) and a page of small text
 * and a violation show that the checks do catch what they look for.
 *
 * playwright-core and axe-core come from NODE_PATH
 * (build/browser/node_modules); CHROMIUM names the browser,
 * /usr/bin/chromium unless set.
 */
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const { chromium } = require('playwright-core');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [site, shots, control] = process.argv.slice(2).map((p) =>
	p && path.resolve(p));
if (!site || !shots || !control) {
	console.error('usage: check.js SITE SHOTS CONTROL');
	process.exit(2);
}

/* What Chromium needs on this machine: no sandbox as root, no GPU, and
 * none of the background connections a closed network refuses. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

const PHONE = 390;
const LAPTOP = 1280;
const HEIGHT = 800;
const MIN_TEXT = 12;		/* px: no text is drawn smaller */

/* The ways each page is seen: a name, a width, and the media. */
const MODES = [
	{ name: `${PHONE}-light`, width: PHONE, media: 'screen', colorScheme: 'light' },
	{ name: `${PHONE}-dark`, width: PHONE, media: 'screen', colorScheme: 'dark' },
	{ name: `${LAPTOP}-light`, width: LAPTOP, media: 'screen', colorScheme: 'light' },
	{ name: `${LAPTOP}-dark`, width: LAPTOP, media: 'screen', colorScheme: 'dark' },
	{ name: 'print', width: LAPTOP, media: 'print', colorScheme: 'light' },
];
const LIGHT = MODES[2];

let number = 0;
let passed = 0;
let failed = 0;

/* Print one TAP line for NAME; PROBLEMS (strings) empty means it passed,
 * else each is printed as a comment under the failing line. */
function report(name, problems) {
	number++;
	if (problems.length === 0) {
		passed++;
		console.log(`ok ${number} - ${name}`);
		return;
	}
	failed++;
	console.log(`not ok ${number} - ${name}`);
	for (const p of problems)
		console.log(`#   ${p}`);
}

/* Open URL in a new page of CONTEXT in MODE, watching everything that
 * goes wrong. Returns { page, problems }: the caller closes the page. */
async function visit(context, url, mode) {
	const page = await context.newPage();
	const problems = [];
	const outside = new Set();
	watch(page, problems, outside);
	await page.setViewportSize({ width: mode.width, height: HEIGHT });
	await page.emulateMedia({ media: mode.media,
		colorScheme: mode.colorScheme });
	try {
		await page.goto(url, { waitUntil: 'load' });
	} catch (err) {
		problems.push(`cannot open ${url}: ${err.message.split('\n')[0]}`);
	}
	return { page, problems };
}

/* Add to PROBLEMS every console error or warning, page error, failed
 * request and request for anything but a file that PAGE meets from now
 * on; OUTSIDE keeps the URLs aborted here, so that their failure is not
 * counted twice. */
function watch(page, problems, outside) {
	page.on('console', (msg) => {
		if (msg.type() === 'error' || msg.type() === 'warning')
			problems.push(`console ${msg.type()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
	page.on('requestfailed', (req) => {
		if (!outside.has(req.url()))
			problems.push(`request failed: ${req.url()}: ` +
				`${req.failure() ? req.failure().errorText : '?'}`);
	});
	page.on('request', (req) => {
		const u = req.url();
		if (!u.startsWith('file:') && !u.startsWith('data:') &&
		    !outside.has(u)) {
			outside.add(u);
			problems.push(`request outside the site: ${u}`);
		}
	});
}

/* Abort every request of CONTEXT that is not for a file or data: before
 * it can leave the machine (the 'request' event counts it). */
async function fence(context) {
	await context.route('**/*', (route) => {
		const u = route.request().url();
		if (u.startsWith('file:') || u.startsWith('data:'))
			return route.continue();
		return route.abort('blockedbyclient');
	});
}

/* In PAGE shown in MODE: the problems that say style.css did not apply.
 * On screen the body has a measure and the colours follow the scheme
 * (dark text on a light ground, or light on dark); in print the
 * navigation is hidden and the ground is light. */
async function styleProblems(page, mode) {
	const s = await page.evaluate(() => {
		const lum = (c) => {
			const m = c.match(/[\d.]+/g);
			if (!m)
				return -1;
			return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
		};
		const html = getComputedStyle(document.documentElement);
		const nav = document.querySelector('header.site nav');
		return {
			maxWidth: getComputedStyle(document.body).maxWidth,
			bg: html.backgroundColor,
			fg: html.color,
			bgLum: lum(html.backgroundColor),
			fgLum: lum(html.color),
			nav: nav ? getComputedStyle(nav).display : 'missing',
		};
	});
	const problems = [];
	const dark = mode.media === 'screen' && mode.colorScheme === 'dark';
	if (mode.media !== 'print' && s.maxWidth === 'none')
		problems.push('body has no max-width: style.css did not apply');
	if (mode.media === 'print' && s.nav !== 'none')
		problems.push(`navigation shows in print (display ${s.nav})`);
	const darkGround = s.bgLum >= 0 && s.bgLum < s.fgLum;
	if (s.bgLum < 0 || s.bg === 'rgba(0, 0, 0, 0)')
		problems.push(`no page background (${s.bg})`);
	else if (dark && !darkGround)
		problems.push(`not dark: ${s.fg} on ${s.bg}`);
	else if (!dark && darkGround)
		problems.push(`not light: ${s.fg} on ${s.bg}`);
	if (Math.abs(s.bgLum - s.fgLum) < 0.5)
		problems.push(`text hard to read: ${s.fg} on ${s.bg}`);
	return problems;
}

/* In PAGE: the problems with its charts (.chart: an <svg>, or the table
 * of a bar chart). There must be at least MIN; each has a width and a
 * height, and none reaches past the page's edges (a wide chart may
 * scroll inside its .chart-wide, which must not); nor does the page
 * scroll sideways. */
async function chartProblems(page, min) {
	const s = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const charts = [...document.querySelectorAll('.chart')].map((c, i) => {
			const r = c.getBoundingClientRect();
			const box = (c.closest('.chart-wide') || c).getBoundingClientRect();
			return {
				name: c.getAttribute('aria-label') ||
					c.getAttribute('class') || `chart ${i + 1}`,
				w: r.width, h: r.height, left: box.left + scrollX,
				right: box.right + scrollX, width,
			};
		});
		return { charts, width,
			scrollWidth: document.documentElement.scrollWidth };
	});
	const problems = [];
	if (s.charts.length < min)
		problems.push(`${s.charts.length} charts, expected at least ${min}`);
	for (const c of s.charts) {
		if (!(c.w > 0 && c.h > 0))
			problems.push(`chart '${c.name}' is ${c.w}x${c.h}`);
		else if (c.right > c.width + 1 || c.left < -1)
			problems.push(`chart '${c.name}' spans ${c.left}..${c.right}px, ` +
				`past the page's 0..${c.width}px`);
	}
	if (s.scrollWidth > s.width + 1)
		problems.push(`the page is ${s.scrollWidth}px wide, wider than ` +
			`the screen's ${s.width}px`);
	return problems;
}

/* In PAGE: the problems with the newest day of each chart that has
 * days: the mark of the latest date that a <title> names with a value
 * ("2026-11-20: 5.0 (1 entry)") must be inside the screen's width and
 * inside what its scrolling box shows, as the page opens, without any
 * scrolling sideways; the page is scrolled down to the chart only. */
async function newestProblems(page) {
	const n = await page.evaluate(() => document.querySelectorAll(
		'svg.chart').length);
	const problems = [];
	for (let i = 0; i < n; i++) {
		const r = await page.evaluate((i) => {
			const svg = document.querySelectorAll('svg.chart')[i];
			const name = svg.getAttribute('aria-label');
			let newest = null, day = '';
			for (const t of svg.querySelectorAll('title')) {
				const m = t.textContent.match(/^(\d{4}-\d\d-\d\d): \d/);
				if (m && m[1] >= day) {
					day = m[1];
					newest = t.parentElement;
				}
			}
			if (!newest)
				return { name, none: true };
			const box = svg.closest('.chart-wide') || svg.parentElement;
			const before = box.scrollLeft;
			window.scrollTo(0, Math.max(0, box.getBoundingClientRect().top +
				scrollY - 40));
			const m = newest.getBoundingClientRect();
			const b = box.getBoundingClientRect();
			return {
				name, day, before, after: box.scrollLeft, pageX: scrollX,
				left: m.left, right: m.right, top: m.top, bottom: m.bottom,
				boxLeft: b.left, boxRight: b.right,
				width: document.documentElement.clientWidth,
				height: innerHeight,
			};
		}, i);
		if (r.none)
			continue;
		const where = `chart '${r.name}': its newest day, ${r.day}, ` +
			`at ${Math.round(r.left)}..${Math.round(r.right)}px`;
		if (r.before !== 0 || r.after !== 0 || r.pageX !== 0)
			problems.push(`chart '${r.name}' was scrolled sideways`);
		if (r.left < 0 || r.right > r.width)
			problems.push(`${where}, is off the screen (0..${r.width}px)`);
		else if (r.left < r.boxLeft - 0.5 || r.right > r.boxRight + 0.5)
			problems.push(`${where}, is scrolled out of view ` +
				`(${Math.round(r.boxLeft)}..${Math.round(r.boxRight)}px)`);
		if (r.top < 0 || r.bottom > r.height)
			problems.push(`${where}, is not in view from top to bottom`);
	}
	await page.evaluate(() => window.scrollTo(0, 0));
	return problems;
}

/* In PAGE: every text drawn smaller than MIN_TEXT px, as the size its
 * element's font has on the screen (an SVG text's scaled as its chart
 * is). Text not drawn (hidden, an SVG <title>) does not count. */
async function textProblems(page) {
	const small = await page.evaluate((min) => {
		const out = [];
		const walk = document.createTreeWalker(document.body,
			NodeFilter.SHOW_TEXT);
		while (walk.nextNode()) {
			const t = walk.currentNode;
			const el = t.parentElement;
			if (!t.textContent.trim() || !el || el.closest('title'))
				continue;
			if (!el.checkVisibility({ visibilityProperty: true }))
				continue;
			const range = document.createRange();
			range.selectNodeContents(t);
			const r = range.getBoundingClientRect();
			if (r.width === 0 && r.height === 0)
				continue;
			let px = parseFloat(getComputedStyle(el).fontSize);
			if (el instanceof SVGElement) {
				const m = el.getScreenCTM();
				px *= Math.hypot(m.a, m.b);
			}
			if (px < min - 0.01)
				out.push(`'${t.textContent.trim().slice(0, 30)}' in ` +
					`<${el.localName} class="${el.getAttribute('class') ||
					''}">: ${px.toFixed(1)}px`);
		}
		return out;
	}, MIN_TEXT);
	if (small.length > 8)
		small.splice(8, small.length - 8, `and ${small.length - 8} more`);
	return small;
}

/* In PAGE: the violations axe-core finds, with its default rules, one a
 * line with the first few elements of each. axe runs through the
 * DevTools protocol, which the page's CSP does not stop; it does not
 * fetch the style sheets (for css-orientation-lock), which it would. */
async function axeProblems(page) {
	const violations = await page.evaluate(async (source) => {
		if (!window.axe)
			(0, eval)(source);
		/* no preload: it would fetch style.css, which the CSP forbids */
		const r = await window.axe.run(document, {
			resultTypes: ['violations'],
			preload: false,
		});
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map((n) => n.target.join(' ')),
		}));
	}, AXE);
	return violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
		v.nodes.slice(0, 3).join(', ') +
		(v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''));
}

/* In PAGE: the problems with its links and style sheets: each local one
 * must name a file that exists (and a fragment an element that does,
 * there); a javascript: link is a problem; other schemes are left alone.
 * The links of charts (SVG <a>) count as any other. */
async function linkProblems(page) {
	const links = await page.evaluate(() =>
		[...document.querySelectorAll('a[href], link[href]')].map((a) => {
			const raw = a.getAttribute('href');
			return { raw, abs: new URL(raw, document.baseURI).href };
		}));
	const problems = [];
	const here = page.url().split('#')[0];
	const ids = new Map();
	for (const { raw, abs } of links) {
		if (/^javascript:/i.test(abs)) {
			problems.push(`script link: ${raw}`);
			continue;
		}
		if (!abs.startsWith('file:'))
			continue;
		const [file, frag] = abs.split('#');
		let p;
		try {
			p = fileURLToPath(file);
		} catch (err) {
			problems.push(`bad link ${raw}: ${err.message}`);
			continue;
		}
		if (!fs.existsSync(p) || !fs.statSync(p).isFile()) {
			problems.push(`broken link ${raw}: no ${path.relative(site, p)}`);
			continue;
		}
		if (!frag)
			continue;
		const id = decodeURIComponent(frag);
		let ok;
		if (file === here) {
			ok = await page.evaluate((id) =>
				document.getElementById(id) !== null, id);
		} else {
			if (!ids.has(p))
				ids.set(p, fs.readFileSync(p, 'utf8'));
			ok = ids.get(p).includes(` id="${id}"`);
		}
		if (!ok)
			problems.push(`broken link ${raw}: no element #${frag}`);
	}
	return problems;
}

/* Where the first link matching SELECTOR on the page at URL leads: a
 * file URL. */
async function firstLink(context, url, selector) {
	const { page, problems } = await visit(context, url, LIGHT);
	const href = await page.evaluate((sel) => {
		const a = document.querySelector(sel);
		return a ? a.href : null;
	}, selector);
	await page.close();
	if (!href)
		throw new Error(`no '${selector}' on ${url} ` +
			`(${problems.join('; ') || 'it opened cleanly'})`);
	return href;
}

/* Write the control pages into CONTROL: a copy of the home page whose
 * CSP forbids style.css, a page (with no CSP) that asks the network for
 * an image, and a page with text of 10 px, an SVG whose text shrinks
 * to about 6 px, an image with no text alternative, and a wide chart
 * that opens at its oldest end. Returns their URLs. */
function writeControls() {
	fs.mkdirSync(control, { recursive: true });
	fs.copyFileSync(path.join(site, 'style.css'),
		path.join(control, 'style.css'));
	const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
	const blocked = home.replace(/style-src 'self'/, "style-src 'none'");
	if (blocked === home)
		throw new Error("the home page's CSP has no style-src 'self'");
	fs.writeFileSync(path.join(control, 'csp.html'), blocked);
	fs.writeFileSync(path.join(control, 'net.html'),
		'<!doctype html><title>net</title>' +
		'<link rel="stylesheet" href="style.css">' +
		'<img alt="" src="http://127.0.0.1:9/tend-browser-test.png">');
	fs.writeFileSync(path.join(control, 'small.html'),
		'<!doctype html><html lang="en"><title>small</title>' +
		'<link rel="stylesheet" href="style.css"><main>' +
		'<h1>Small</h1><p style="font-size: 10px">tiny words</p>' +
		'<div style="width: 200px"><svg class="chart" viewBox="0 0 400 40"' +
		' role="img" aria-label="a chart"><text class="label" x="10"' +
		' y="20">shrunk</text></svg></div>' +
		'<svg role="img" width="10" height="10"></svg>' +
		'<div class="chart-wide" style="direction: ltr"><svg class="chart"' +
		' viewBox="0 0 723 40" width="723" height="40" role="img"' +
		' aria-label="a year"><rect x="2" y="2" width="9" height="9">' +
		'<title>2025-11-17: 3.0 (1 entry)</title></rect><rect x="700"' +
		' y="2" width="9" height="9"><title>2026-11-20: 5.0 (1 entry)' +
		'</title></rect></svg></div></main>');
	return {
		csp: pathToFileURL(path.join(control, 'csp.html')).href,
		net: pathToFileURL(path.join(control, 'net.html')).href,
		small: pathToFileURL(path.join(control, 'small.html')).href,
	};
}

/* Check the page P ({ name, url, charts }) in every mode, into CONTEXT.
 * Returns what to report: [name, problems] pairs, in order. */
async function checkPage(context, p) {
	const out = [];
	const rel = path.relative(site, fileURLToPath(p.url));
	for (const mode of MODES) {
		const what = `${p.name} (${rel}, ${mode.name})`;
		const { page, problems } = await visit(context, p.url, mode);
		const screen = mode.media === 'screen';
		const style = await styleProblems(page, mode);
		const charts = await chartProblems(page, p.charts);
		const shot = path.join(shots, `${p.name}-${mode.name}.png`);
		const shotProblems = [];
		try {
			await page.screenshot({ path: shot, fullPage: true });
			if (fs.statSync(shot).size === 0)
				shotProblems.push(`${shot} is empty`);
		} catch (err) {
			shotProblems.push(`no screenshot: ${err.message}`);
		}
		if (mode === LIGHT)
			out.push([`${p.name}: every link leads to a file that exists`,
				await linkProblems(page)]);
		out.push([`${what}: style.css applies`, style]);
		out.push([`${what}: ` + (p.charts ?
			`its ${p.charts}+ charts have a size and fit the page` :
			'any chart has a size and fits the page'), charts]);
		if (screen) {
			if (p.charts)
				out.push([`${what}: the newest day of each chart is in ` +
					'view without scrolling', await newestProblems(page)]);
			out.push([`${what}: no text under ${MIN_TEXT}px`,
				await textProblems(page)]);
			out.push([`${what}: axe-core finds no violation`,
				await axeProblems(page)]);
		}
		out.push([`${what}: screenshot ` +
			path.relative(process.cwd(), shot), shotProblems]);
		/* Last: anything the checks above set off counts too. */
		out.push([`${what}: no console error or warning, page error, ` +
			'failed or outside request', problems]);
		await page.close();
	}
	return out;
}

async function main() {
	fs.mkdirSync(shots, { recursive: true });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ARGS,
	});
	const axeVersion = JSON.parse(fs.readFileSync(
		require.resolve('axe-core/package.json'), 'utf8')).version;
	console.log(`# ${browser.version()}, a fresh profile; axe-core ` +
		axeVersion);
	const context = await browser.newContext({
		viewport: { width: LAPTOP, height: HEIGHT },
	});
	await fence(context);

	const home = pathToFileURL(path.join(site, 'index.html')).href;
	const entry = await firstLink(context, home, 'article.summary h3 a');
	const pages = [
		{ name: 'home', url: home, charts: 1 },
		{ name: 'entry', charts: 0, url: entry },
		{ name: 'month', charts: 0,
		  url: await firstLink(context, entry, 'header .meta a') },
		{ name: 'goal', charts: 1,
		  url: await firstLink(context, home, '.goal-summary a') },
		{ name: 'mood', charts: 5,
		  url: pathToFileURL(path.join(site, 'mood.html')).href },
	];

	/* The pages side by side, each in its modes in turn; their lines
	 * are printed in order once all are done. */
	const lines = await Promise.all(pages.map((p) => checkPage(context, p)));
	for (const l of lines.flat())
		report(l[0], l[1]);

	/* From the home page to the mood page, as a reader goes. */
	{
		const { page, problems } = await visit(context, home, LIGHT);
		const nav = [];
		try {
			await Promise.all([
				page.waitForURL(/\/mood\.html$/, { timeout: 10000 }),
				page.click('header.site nav a[href$="mood.html"]'),
			]);
			await page.waitForLoadState('load');
			const h1 = await page.textContent('h1');
			if (h1 !== 'Mood')
				nav.push(`the page opened has h1 '${h1}'`);
			nav.push(...await chartProblems(page, 5));
		} catch (err) {
			nav.push(`cannot follow the link: ${err.message.split('\n')[0]}`);
		}
		report("home: its 'Mood' link opens the mood page",
			nav.concat(problems));
		await page.close();
	}

	/* On a phone, the newest day of the year's calendar, tapped, opens its
	 * month's page at an entry of that day. */
	{
		const mood = pages[4].url;
		const { page, problems } = await visit(context, mood, MODES[0]);
		const tap = [];
		try {
			const links = page.locator('svg.chart-cal a');
			const last = links.nth(await links.count() - 1);
			const day = (await last.getAttribute('aria-label')).slice(0, 10);
			await last.scrollIntoViewIfNeeded();
			await Promise.all([
				page.waitForURL(/\/archive\/[\d-]+\.html#d[\d-]+$/,
					{ timeout: 10000 }),
				last.click(),
			]);
			await page.waitForLoadState('load');
			const at = await page.evaluate(() => {
				const t = document.querySelector(':target time');
				return t ? t.getAttribute('datetime') : null;
			});
			if (!at || !at.startsWith(day))
				tap.push(`the day ${day} opened ${page.url()}, at an entry ` +
					`of ${at}`);
		} catch (err) {
			tap.push(`cannot follow the day: ${err.message.split('\n')[0]}`);
		}
		report("mood: the calendar's newest day opens its entries",
			tap.concat(problems));
		await page.close();
	}

	/* A weekday's bar shows the list of its entries, hidden before. */
	{
		const mood = pages[4].url;
		const { page, problems } = await visit(context, mood, MODES[0]);
		const bar = [];
		try {
			const a = page.locator('table.chart-bars a[href^="#weekday-"]')
				.first();
			const id = (await a.getAttribute('href')).slice(1);
			const shown = () => page.evaluate((id) =>
				document.getElementById(id).checkVisibility(), id);
			if (await shown())
				bar.push(`#${id} shows before its bar is followed`);
			await a.click();
			await page.waitForURL(new RegExp(`#${id}$`), { timeout: 10000 });
			if (!await shown())
				bar.push(`#${id} is still hidden after its bar is followed`);
			const n = await page.locator(`#${id} li a`).count();
			if (n < 1)
				bar.push(`#${id} lists no entries`);
		} catch (err) {
			bar.push(`cannot follow the bar: ${err.message.split('\n')[0]}`);
		}
		report("mood: a weekday's bar shows its entries",
			bar.concat(problems));
		await page.close();
	}

	/* The controls: each must be caught, else the checks see nothing. */
	const ctl = writeControls();
	{
		const { page, problems } = await visit(context, ctl.csp, LIGHT);
		const style = await styleProblems(page, LIGHT);
		const csp = problems.some((p) => /Content Security Policy/i.test(p));
		report("control: a CSP that blocks style.css is caught",
			[].concat(csp ? [] : ['no console error for the CSP block'],
				style.length ? [] : ['style.css applied all the same']));
		await page.close();
	}
	{
		const { page, problems } = await visit(context, ctl.net, LIGHT);
		const net = problems.some((p) => /outside the site: http:/.test(p));
		report('control: a request to the network is caught and aborted',
			net ? [] : [`not caught (${problems.join('; ') || 'nothing'})`]);
		await page.close();
	}
	{
		const { page } = await visit(context, ctl.small, MODES[0]);
		const small = (await textProblems(page)).join('; ');
		const axe = (await axeProblems(page)).join('; ');
		const newest = (await newestProblems(page)).join('; ');
		report('control: small text, an axe violation and a chart that ' +
			'opens at its oldest end are caught', []
			.concat(/2026-11-20.*off the screen/.test(newest) ? [] :
				[`the oldest end not caught (${newest || 'nothing'})`])
			.concat(/tiny words/.test(small) ? [] : ['10px text not caught'])
			.concat(/shrunk/.test(small) ? [] : ['shrunk SVG text not caught'])
			.concat(/svg-img-alt/.test(axe) ? [] :
				[`the nameless image not caught (${axe || 'nothing'})`]));
		await page.close();
	}

	await browser.close();
}

main().then(() => {
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}, (err) => {
	report('the browser test runs to its end', [String(err.stack || err)]);
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(1);
});
