global using Aspire.Hosting;
global using Aspire.Hosting.ApplicationModel;
global using Aspire.Hosting.Testing;
global using Monitoring.Lib.Tests.Fixtures;
