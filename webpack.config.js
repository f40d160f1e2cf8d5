/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
// Builds the add-in into dist/: taskpane.html (task pane + shared runtime page),
// functions.js and the functions.json generated from JSDoc, commands, assets and manifest.
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const path = require("path");

const urlDev = "https://localhost:3000/";
// Where a production build is hosted; set ADDIN_PUBLIC_URL when deploying.
const urlProd = process.env.ADDIN_PUBLIC_URL || "https://localhost:3000/";

/**
 * Office requires https even on localhost. office-addin-dev-certs installs a trusted
 * development CA where the OS allows it (Windows, macOS); where it cannot (Linux, CI),
 * webpack-dev-server's own self-signed certificate is used instead. DEV_SERVER_HTTP=1
 * serves plain http for the outside-Excel workbench, which needs no certificate at all.
 */
async function devServerTransport() {
  if (process.env.DEV_SERVER_HTTP === "1") return { type: "http" };
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (error) {
    console.warn(`office-addin-dev-certs could not set up a trusted certificate (${error.message});`);
    console.warn("using a self-signed certificate: your browser will ask you to accept it.");
    return { type: "https" };
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // The planning engine's Web Worker (loaded by the Territories & Quotas pane, not the page).
      planWorker: "./src/taskpane/territories/plan.worker.ts",
      // The shim first, then every family of PLAN functions (each gets its associate calls).
      functions: [
        "./src/functions/outsideExcelRuntime.ts",
        ...require("./src/functions/families.json"),
      ],
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: require("./src/functions/families.json"),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replaceAll(urlDev, urlProd);
            },
          },
        ],
      }),
    ],
    devServer: serving
      ? {
          headers: { "Access-Control-Allow-Origin": "*" },
          server: await devServerTransport(),
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
          host: "localhost",
          client: { overlay: { warnings: false } },
          static: { directory: path.resolve(__dirname, "dist"), watch: false },
        }
      : undefined,
  };
};
