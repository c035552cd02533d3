'use strict';
/*
 * check.js SITE SHOTS CONTROL: open a site that `tend render` made in
 * Debian's headless Chromium over file://, the way its owner opens it,
 * and print TAP lines ending with "N passed, N failed".
 *
 * The home page, the first entry and the first goal the home page links
 * to, and the mood page are each opened in the light and the dark colour
 * scheme and once as print. Every visit fails on a console error or
 * warning (Chromium reports a Content-Security-Policy block there), an
 * uncaught page error, a failed request, or any request that is not for
 * a file: every other one is aborted before it leaves and counted. Each
 * visit also checks that style.css applied, that every chart has a size
 * and stays inside the page, and saves a full-page screenshot to
 * SHOTS/NAME-MODE.png. Then: every link on the four pages leads to a
 * file that exists, the home page's "Mood" link opens the mood page, and
 * two control pages written into CONTROL (a CSP that blocks style.css, a
 * request to the network) show that the checks do catch what they look
 * for.
 *
 * playwright-core comes from NODE_PATH (build/browser/node_modules);
 * CHROMIUM names the browser, /usr/bin/chromium unless set.
 */
const fs = require('fs');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');
const { chromium } = require('playwright-core');

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

const MODES = {
	light: { media: 'screen', colorScheme: 'light' },
	dark: { media: 'screen', colorScheme: 'dark' },
	print: { media: 'print', colorScheme: 'light' },
};

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
	await page.emulateMedia(MODES[mode]);
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
	if (mode !== 'print' && s.maxWidth === 'none')
		problems.push('body has no max-width: style.css did not apply');
	if (mode === 'print' && s.nav !== 'none')
		problems.push(`navigation shows in print (display ${s.nav})`);
	const darkGround = s.bgLum >= 0 && s.bgLum < s.fgLum;
	if (s.bgLum < 0 || s.bg === 'rgba(0, 0, 0, 0)')
		problems.push(`no page background (${s.bg})`);
	else if (mode === 'dark' && !darkGround)
		problems.push(`not dark: ${s.fg} on ${s.bg}`);
	else if (mode !== 'dark' && darkGround)
		problems.push(`not light: ${s.fg} on ${s.bg}`);
	if (Math.abs(s.bgLum - s.fgLum) < 0.5)
		problems.push(`text hard to read: ${s.fg} on ${s.bg}`);
	return problems;
}

/* In PAGE: the problems with its charts. There must be at least MIN;
 * each has a width and a height, and none reaches past the page's
 * right edge. */
async function chartProblems(page, min) {
	const charts = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		return [...document.querySelectorAll('svg')].map((svg, i) => {
			const r = svg.getBoundingClientRect();
			return {
				name: svg.getAttribute('aria-label') ||
					svg.getAttribute('class') || `svg ${i + 1}`,
				w: r.width, h: r.height, right: r.right, width,
			};
		});
	});
	const problems = [];
	if (charts.length < min)
		problems.push(`${charts.length} charts, expected at least ${min}`);
	for (const c of charts) {
		if (!(c.w > 0 && c.h > 0))
			problems.push(`chart '${c.name}' is ${c.w}x${c.h}`);
		else if (c.right > c.width + 1)
			problems.push(`chart '${c.name}' ends at ${c.right}px, ` +
				`past the page's ${c.width}px`);
	}
	return problems;
}

/* In PAGE: the problems with its links and style sheets: each local one
 * must name a file that exists (and a fragment an element that does);
 * a javascript: link is a problem; other schemes are left alone. */
async function linkProblems(page) {
	const links = await page.evaluate(() =>
		[...document.querySelectorAll('a[href], link[href]')].map((a) =>
			({ raw: a.getAttribute('href'), abs: a.href })));
	const problems = [];
	const here = page.url().split('#')[0];
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
		if (frag && file === here) {
			const ok = await page.evaluate((id) =>
				document.getElementById(decodeURIComponent(id)) !== null, frag);
			if (!ok)
				problems.push(`broken link ${raw}: no element #${frag}`);
		}
	}
	return problems;
}

/* Where the home page's first link matching SELECTOR leads: a file URL. */
async function firstLink(context, home, selector) {
	const { page, problems } = await visit(context, home, 'light');
	const href = await page.evaluate((sel) => {
		const a = document.querySelector(sel);
		return a ? a.href : null;
	}, selector);
	await page.close();
	if (!href)
		throw new Error(`no '${selector}' on the home page ` +
			`(${problems.join('; ') || 'it opened cleanly'})`);
	return href;
}

/* Write the control pages into CONTROL: a copy of the home page whose
 * CSP forbids style.css, and a page (with no CSP) that asks the network
 * for an image. Returns their URLs. */
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
	return {
		csp: pathToFileURL(path.join(control, 'csp.html')).href,
		net: pathToFileURL(path.join(control, 'net.html')).href,
	};
}

async function main() {
	fs.mkdirSync(shots, { recursive: true });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ARGS,
	});
	console.log(`# ${browser.version()}, a fresh profile`);
	const context = await browser.newContext({
		viewport: { width: 1024, height: 768 },
	});
	await fence(context);

	const home = pathToFileURL(path.join(site, 'index.html')).href;
	const pages = [
		{ name: 'home', url: home, charts: 1 },
		{ name: 'entry', charts: 0,
		  url: await firstLink(context, home, 'article.summary h3 a') },
		{ name: 'goal', charts: 1,
		  url: await firstLink(context, home, '.goal-summary a') },
		{ name: 'mood', charts: 5,
		  url: pathToFileURL(path.join(site, 'mood.html')).href },
	];

	for (const p of pages) {
		const rel = path.relative(site, fileURLToPath(p.url));
		for (const mode of Object.keys(MODES)) {
			const what = `${p.name} (${rel}, ${mode})`;
			const { page, problems } = await visit(context, p.url, mode);
			const style = await styleProblems(page, mode);
			const charts = await chartProblems(page, p.charts);
			const shot = path.join(shots, `${p.name}-${mode}.png`);
			const shotProblems = [];
			try {
				await page.screenshot({ path: shot, fullPage: true });
				if (fs.statSync(shot).size === 0)
					shotProblems.push(`${shot} is empty`);
			} catch (err) {
				shotProblems.push(`no screenshot: ${err.message}`);
			}
			if (mode === 'light')
				report(`${p.name}: every link leads to a file that exists`,
					await linkProblems(page));
			report(`${what}: style.css applies`, style);
			report(`${what}: ` + (p.charts ?
				`its ${p.charts}+ charts have a size and fit the page` :
				'any chart has a size and fits the page'), charts);
			report(`${what}: screenshot ${path.relative(process.cwd(), shot)}`,
				shotProblems);
			/* Last: anything the checks above set off counts too. */
			report(`${what}: no console error or warning, page error, ` +
				'failed or outside request', problems);
			await page.close();
		}
	}

	/* From the home page to the mood page, as a reader goes. */
	{
		const { page, problems } = await visit(context, home, 'light');
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

	/* The controls: each must be caught, else the checks see nothing. */
	const ctl = writeControls();
	{
		const { page, problems } = await visit(context, ctl.csp, 'light');
		const style = await styleProblems(page, 'light');
		const csp = problems.some((p) => /Content Security Policy/i.test(p));
		report("control: a CSP that blocks style.css is caught",
			[].concat(csp ? [] : ['no console error for the CSP block'],
				style.length ? [] : ['style.css applied all the same']));
		await page.close();
	}
	{
		const { page, problems } = await visit(context, ctl.net, 'light');
		const net = problems.some((p) => /outside the site: http:/.test(p));
		report('control: a request to the network is caught and aborted',
			net ? [] : [`not caught (${problems.join('; ') || 'nothing'})`]);
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
