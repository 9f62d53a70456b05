-- One database per service (DESIGN.md, Storage); each service's Flyway creates its schema.
create database auth_service;
create database identity_service;
create database data_service;
create database report_service;
create database employee_portal;
